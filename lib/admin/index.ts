export { listUsers } from "./list-users";
export { updateUser } from "./update-user";
export { listAudit } from "../audit/list";
export {
  ListAuditInput,
  ListUsersInput,
  UpdateUserBody,
  UpdateUserInput,
  ListAuditOutput,
  type AuditRow,
} from "./schemas";
