import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";
import type { FieldDef } from "./enums";
import { users } from "./users";

export { FIELD_TYPES, type FieldDef, type FieldType } from "./enums";

/** A typed table defined by users inside a project; its schema is versioned (audit keeps before/after). */
export const projectDatabases = pgTable(
  "project_databases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    fields: jsonb("fields").$type<FieldDef[]>().notNull().default([]),
    schemaVersion: integer("schema_version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("project_databases_project_name_idx").on(t.projectId, sql`lower(${t.name})`)],
);

/** One row of a user-defined database: values by field id, validated against the schema on write. */
export const databaseRecords = pgTable(
  "database_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    databaseId: uuid("database_id")
      .notNull()
      .references(() => projectDatabases.id, { onDelete: "cascade" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** Insertion order, also within one statement (an import's rows share created_at). */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("database_records_database_seq_idx").on(t.databaseId, t.seq),
    index("database_records_data_idx").using("gin", sql`${t.data} jsonb_path_ops`),
  ],
);

/**
 * The value index of user-defined databases: one row per (record, field) — also for empty values —
 * with numbers in `num` and everything else as text in `txt` (and its first 200 characters in `key`) (dates as ISO strings, booleans as
 * true/false, json as its text). Maintained by triggers on database_records (statement level,
 * transition tables) and on project_databases.fields (added/dropped fields), so every write path
 * keeps it exact; filters and sorts then use a fixed set of indexes whatever the number of
 * databases and fields. See migration 0005 and README "Databases: how filters stay fast".
 */
export const databaseRecordValues = pgTable(
  "database_record_values",
  {
    recordId: uuid("record_id")
      .notNull()
      .references(() => databaseRecords.id, { onDelete: "cascade" }),
    databaseId: uuid("database_id").notNull(),
    fieldId: text("field_id").notNull(),
    num: numeric("num"),
    txt: text("txt"),
    /** What sorts and compares: the first 200 characters of txt (btree entries must stay small). */
    key: text("key").generatedAlwaysAs(sql`left(txt, 200)`),
  },
  (t) => [
    primaryKey({ columns: [t.recordId, t.fieldId] }),
    // Sort and range/equality filters for every type: numbers by num, the rest by their first 200 characters.
    index("database_record_values_sort_idx").on(t.databaseId, t.fieldId, t.num, t.key, t.recordId),
    // "contains" (ILIKE '%…%') on any text-like value.
    index("database_record_values_trgm_idx").using("gin", sql`${t.txt} gin_trgm_ops`),
  ],
);

export type ProjectDatabase = typeof projectDatabases.$inferSelect;
export type DatabaseRecord = typeof databaseRecords.$inferSelect;
