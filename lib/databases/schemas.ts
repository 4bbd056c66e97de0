import { z } from "zod";
import { idInput, ProjectIdInput } from "../ids";
import { FIELD_TYPES, type FieldDef } from "@/db/schema/enums";
import { CREATED, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./constants";
import { FILTER_OPS } from "./filter-ops";

export { CREATED, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS };

export { FIELD_TYPES };
export type { FieldDef };
export { FILTER_OPS, FILTER_OPS_BY_TYPE, filterOpRefusal } from "./filter-ops";
export type { FilterOp, FilterOpChoice } from "./filter-ops";

export const MAX_FIELDS = 100;

/** Ids in service inputs: any string; malformed, unknown and someone else's are 404 alike. */
const ProjectId = ProjectIdInput;
const DatabaseId = idInput("The database's id");
const RecordId = idInput("The record's id");
/** Which database of which project. */
export const DatabaseRef = z.object({ projectId: ProjectId, databaseId: DatabaseId }).strict();
export type DatabaseRef = z.infer<typeof DatabaseRef>;
export const MAX_RECORD_BYTES = 64 * 1024;

const fieldName = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(100, { error: "must be at most 100 characters" });

export const NewField = z
  .object({
    name: fieldName.describe("Column name, unique in the database (case-insensitive)"),
    type: z
      .enum(FIELD_TYPES, { error: `must be one of ${FIELD_TYPES.join(", ")}` })
      .describe("Value type"),
    required: z.boolean().default(false).describe("Records must have a value"),
    unique: z
      .boolean()
      .default(false)
      .describe("No two records share a value (text and number only)"),
    default: z.unknown().optional().describe("Value used when a new record gives none"),
    options: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(200)
      .optional()
      .describe("select only: the allowed values"),
  })
  .strict();
export type NewField = z.infer<typeof NewField>;

/** POST /api/projects/:id/databases's body; the service input adds the project's id. */
export const CreateDatabaseBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "is required" })
      .max(100)
      .describe("Database name, unique in the project"),
    description: z.string().trim().max(2000).default("").describe("What it holds"),
    fields: z
      .array(NewField)
      .max(MAX_FIELDS, { error: `must have at most ${MAX_FIELDS} fields` })
      .default([])
      .describe("Initial columns"),
  })
  .strict();
export const CreateDatabaseInput = CreateDatabaseBody.extend({ projectId: ProjectId });
export type CreateDatabaseInput = z.infer<typeof CreateDatabaseInput>;

export const ListDatabasesInput = z.object({ projectId: ProjectId }).strict();
export const GetDatabaseInput = DatabaseRef;
export const DropDatabaseInput = DatabaseRef;

/** One schema operation; `change_type` runs as a dry run unless `apply` is true. */
export const SchemaChange = z.discriminatedUnion(
  "op",
  [
    z
      .object({
        op: z.literal("rename_database"),
        name: z.string().trim().min(1).max(100).describe("New database name"),
      })
      .strict(),
    z.object({ op: z.literal("add_field"), field: NewField.describe("The new column") }).strict(),
    z
      .object({
        op: z.literal("rename_field"),
        fieldId: z.string().describe("Field id"),
        name: fieldName.describe("New column name"),
      })
      .strict(),
    z.object({ op: z.literal("drop_field"), fieldId: z.string().describe("Field id") }).strict(),
    z
      .object({
        op: z.literal("change_type"),
        fieldId: z.string().describe("Field id"),
        type: z
          .enum(FIELD_TYPES, { error: `must be one of ${FIELD_TYPES.join(", ")}` })
          .describe("New type"),
        options: z
          .array(z.string().trim().min(1).max(100))
          .min(1)
          .max(200)
          .optional()
          .describe("select only: the allowed values"),
        apply: z
          .boolean()
          .default(false)
          .describe(
            "false: report what would convert (dry run); true: convert all records in one transaction, or none",
          ),
      })
      .strict(),
  ],
  { error: "op must be rename_database, add_field, rename_field, drop_field or change_type" },
);
export type SchemaChange = z.infer<typeof SchemaChange>;

export const ManageSchemaInput = DatabaseRef.extend({
  change: SchemaChange.describe("The schema operation"),
});
export type ManageSchemaInput = z.infer<typeof ManageSchemaInput>;

/** A record's values: the body of POST …/records and PATCH …/records/:recordId. */
export const RecordBody = z
  .object({ data: z.record(z.string(), z.unknown()).describe("Values by field id") })
  .strict();
export const CreateRecordInput = RecordBody.extend(DatabaseRef.shape);
export const UpdateRecordInput = RecordBody.extend({ ...DatabaseRef.shape, recordId: RecordId });
export const DeleteRecordInput = DatabaseRef.extend({ recordId: RecordId });

const Filter = z
  .object({
    field: z.string().describe("Field id"),
    op: z
      .enum(FILTER_OPS, { error: `must be ${FILTER_OPS.join(", ")}` })
      .describe(
        "equals (a date: that day), contains (text, select, date, json; case-insensitive), gte/lte (number, date), is_empty, not_empty",
      ),
    value: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .describe("Converted to the field's type; not used by is_empty/not_empty"),
  })
  .strict();

/** POST …/records/query's body; the service input adds the database's ids. */
export const ListRecordsBody = z
  .object({
    filters: z.array(Filter).max(20).default([]).describe("All must match"),
    sort: z
      .object({
        field: z.string().describe(`A field id, or "${CREATED}" for creation order`),
        dir: z
          .enum(["asc", "desc"], { error: "must be asc or desc" })
          .default("asc")
          .describe("asc or desc"),
      })
      .strict()
      .optional()
      .describe(
        "Sort order; newest first when absent. Empty values come last ascending, first descending.",
      ),
    page: z.number().int().min(1).max(100_000).default(1).describe("1-based page number"),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(50)
      .describe("Records per page (at most 500)"),
  })
  .strict();
export const ListRecordsInput = ListRecordsBody.extend(DatabaseRef.shape);
export type ListRecordsInput = z.infer<typeof ListRecordsInput>;
/** The query part of a record listing: filters, sort and page. */
export type RecordQuery = z.infer<typeof ListRecordsBody>;

export const ExportQuery = z
  .object({
    format: z
      .enum(["csv", "json"], { error: "must be csv or json" })
      .default("csv")
      .describe("File format"),
  })
  .strict();
export type ExportQuery = z.infer<typeof ExportQuery>;
export const ExportRecordsInput = ExportQuery.extend(DatabaseRef.shape);

export const ImportRecordsBody = z
  .object({
    format: z
      .enum(["csv", "json"], { error: "must be csv or json" })
      .describe("csv: a header row of field names; json: an array of objects keyed by field name"),
    content: z
      .string()
      .describe(
        `The file's text, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB (UTF-8) and ${MAX_IMPORT_ROWS} rows`,
      ),
  })
  .strict();
export const ImportRecordsInput = ImportRecordsBody.extend(DatabaseRef.shape);
export type ImportRecordsInput = z.infer<typeof ImportRecordsInput>;

export * from "./outputs";
