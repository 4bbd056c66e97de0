export { createProject } from "./create";
export { listProjects } from "./list";
export { getProject } from "./get";
export { updateProject } from "./update";
export { deleteProject } from "./delete";
export { addMember, updateMember, removeMember } from "./members";
export { getProjectForActor } from "./access";
