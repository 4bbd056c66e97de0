// The databases' plain values that client components need at run time. No zod here (nor in
// what it imports): the grid must not pull the schemas into the browser bundle.
export { FIELD_TYPES, type FieldDef, type FieldType } from "@/db/schema/enums";
export { FILTER_OPS_BY_TYPE, type FilterOp, type FilterOpChoice } from "./filter-ops";

/** The sort key for creation order (field ids look like f_0123456789, so it cannot clash). */
export const CREATED = "created_at";
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
