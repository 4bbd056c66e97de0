// Values the browser needs (the task picker). No zod here: client components import only
// constants modules at run time, so the validation library stays on the server.
export { TASK_TYPES, type TaskType } from "./task-types";
