import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import type { FieldDef } from "./enums";
import { users } from "./users";

export { FIELD_TYPES, type FieldDef, type FieldType } from "./enums";

/** A typed table defined by users inside a project; its schema is versioned (audit keeps before/after). */
export const projectDatabases = pgTable(
  "project_databases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
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
    databaseId: uuid("database_id").notNull().references(() => projectDatabases.id, { onDelete: "cascade" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("database_records_database_created_idx").on(t.databaseId, t.createdAt), index("database_records_data_idx").using("gin", sql`${t.data} jsonb_path_ops`)],
);

export type ProjectDatabase = typeof projectDatabases.$inferSelect;
export type DatabaseRecord = typeof databaseRecords.$inferSelect;
