// Values the browser needs (the role pickers). No zod here: client components import only
// constants modules at run time, so the validation library stays on the server.
export { PROJECT_ROLES } from "@/db/schema/enums";
