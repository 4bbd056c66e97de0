export { listDocuments, getDocument } from "./read";
export { createDocument, updateDocument, deleteDocument } from "./write";
