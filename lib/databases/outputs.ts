import { z } from "zod";
import { FIELD_TYPES } from "@/db/schema/enums";

// What the database services return (re-exported by ./schemas, where clients import them from).

export const FieldView = z.object({
  id: z.string().describe("Stable field id (records key their values by it)"),
  name: z.string().describe("Column name"),
  type: z.enum(FIELD_TYPES).describe("Value type"),
  required: z.boolean().describe("Records must have a value"),
  unique: z.boolean().describe("No two records share a value"),
  default: z.unknown().optional().describe("Value used when a new record gives none"),
  options: z.array(z.string()).optional().describe("select only: the allowed values"),
});

export const DatabaseView = z.object({
  id: z.string().describe("The database's id"),
  projectId: z.string().describe("Its project"),
  name: z.string().describe("Its name"),
  description: z.string().describe("What it holds"),
  fields: z.array(FieldView).describe("Its columns, in order"),
  schemaVersion: z.number().int().describe("Bumped by every schema change"),
  createdAt: z.string().describe("ISO 8601"),
  updatedAt: z.string().describe("ISO 8601"),
  recordCount: z.number().int().optional().describe("How many records it holds"),
});
export type DatabaseView = z.infer<typeof DatabaseView>;

export const RecordView = z.object({
  id: z.string().describe("The record's id"),
  data: z.record(z.string(), z.unknown()).describe("Values by field id"),
  createdAt: z.string().describe("ISO 8601"),
  updatedAt: z.string().describe("ISO 8601"),
});
export type RecordView = z.infer<typeof RecordView>;

export const TypeChangeReport = z.object({
  total: z.number().int().describe("Records in the database"),
  convertible: z.number().int().describe("Records whose value converts to the new type"),
  failing: z
    .array(
      z.object({
        recordId: z.string().describe("The record"),
        value: z.unknown().describe("Its current value"),
        reason: z.string().describe("Why it would not convert"),
      }),
    )
    .describe("Up to 50 records that would not convert, with why"),
  failingCount: z.number().int().describe("How many would not convert in all"),
});
export type TypeChangeReport = z.infer<typeof TypeChangeReport>;

export const ImportReport = z.object({
  rows: z.number().int().describe("Data rows in the file"),
  imported: z.number().int().describe("Records written (all rows, or none)"),
  errors: z
    .array(
      z.object({
        row: z.number().int().describe("The data row's number, from 1"),
        problems: z.array(z.string()).describe("Every problem of that row"),
      }),
    )
    .describe("Up to 100 rows that cannot be imported (1-based), with every problem of each"),
  errorCount: z.number().int().describe("How many rows cannot be imported in all"),
  delimiter: z
    .enum([",", ";", "\t"])
    .optional()
    .describe("CSV only: the delimiter detected (comma, semicolon or tab)"),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const DatabaseOutput = z.object({ database: DatabaseView.describe("The database") });
export type DatabaseOutput = z.infer<typeof DatabaseOutput>;
export const ListDatabasesOutput = z.object({
  databases: z.array(DatabaseView).describe("The project's databases, by name"),
});
export type ListDatabasesOutput = z.infer<typeof ListDatabasesOutput>;
export const DropDatabaseOutput = z.object({
  dropped: z
    .object({
      id: z.string().describe("The dropped database's id"),
      name: z.string().describe("Its name"),
      records: z.number().int().describe("How many records went with it"),
    })
    .describe("The database that was dropped"),
});
export type DropDatabaseOutput = z.infer<typeof DropDatabaseOutput>;
export const ManageSchemaOutput = z.object({
  database: DatabaseView.describe("The database after the change (unchanged by a dry run)"),
  report: TypeChangeReport.optional().describe("change_type only: what converts"),
  applied: z.boolean().describe("false for a dry run"),
});
export type ManageSchemaOutput = z.infer<typeof ManageSchemaOutput>;
export const RecordOutput = z.object({ record: RecordView.describe("The record") });
export type RecordOutput = z.infer<typeof RecordOutput>;
export const ExportRecordsOutput = z.object({
  filename: z.string().describe("A file name for the download (the database's name)"),
  contentType: z.string().describe("text/csv or application/json"),
  body: z.string().describe("Every record, oldest first: CSV with a header row, or a JSON array"),
});
export type ExportRecordsOutput = z.infer<typeof ExportRecordsOutput>;
export const ListRecordsOutput = z.object({
  records: z.array(RecordView).describe("This page of matching records"),
  total: z.number().int().describe("How many match in all"),
});
export type ListRecordsOutput = z.infer<typeof ListRecordsOutput>;
