export { listUsers, updateUser } from "./users";
export { listAudit } from "../audit/list";
export { ListAuditInput, ListUsersInput, UpdateUserInput, type AuditRow } from "./schemas";
