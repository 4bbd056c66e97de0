export { listDocuments } from "./list";
export { getDocument } from "./get";
export { createDocument } from "./create";
export { updateDocument } from "./update";
export { deleteDocument } from "./delete";
