import type { Db } from "@/db/client";
import { createDatabase, createRecord, listRecords } from "@/lib/databases";
import type { AppError } from "@/lib/errors";
import { projectTeam } from "./team";

/**
 * The "Crew" database (Name required and unique, Age, Role select with a default, Active) in a
 * fresh project team, with its field ids by name and a record-adding shortcut.
 */
export async function crewDatabase(db: Db) {
  const { owner, viewer, outsider, project } = await projectTeam(db, "Data");
  const { database } = await createDatabase({
    ctx: owner,
    input: {
      projectId: project.id,
      name: "Crew",
      fields: [
        { name: "Name", type: "text", required: true, unique: true },
        { name: "Age", type: "text" },
        { name: "Role", type: "select", options: ["pilot", "engineer"], default: "engineer" },
        { name: "Active", type: "boolean" },
      ],
    },
  });
  const f = Object.fromEntries(database.fields.map((x) => [x.name, x.id])) as Record<
    "Name" | "Age" | "Role" | "Active",
    string
  >;
  /** The ids every service input about this database names. */
  const ref = { projectId: project.id, databaseId: database.id };
  const add = async (data: Record<string, unknown>) =>
    (await createRecord({ ctx: owner, input: { ...ref, data } })).record;
  return { owner, viewer, outsider, project, database, f, ref, add };
}

/**
 * The "Things" database (one field of every type) in a fresh project, with its field ids by name,
 * and shortcuts to add records and to list them (or just their titles).
 */

export async function thingsDatabase(db: Db) {
  const { owner, project } = await projectTeam(db, "Queries");
  const { database } = await createDatabase({
    ctx: owner,
    input: {
      projectId: project.id,
      name: "Things",
      fields: [
        { name: "Title", type: "text" },
        { name: "Amount", type: "number" },
        { name: "Due", type: "date" },
        { name: "Tag", type: "select", options: ["red", "green"] },
        { name: "Done", type: "boolean" },
        { name: "Meta", type: "json" },
      ],
    },
  });
  const f = Object.fromEntries(database.fields.map((x) => [x.name, x.id])) as Record<
    "Title" | "Amount" | "Due" | "Tag" | "Done" | "Meta",
    string
  >;
  const ids = { projectId: project.id, databaseId: database.id };
  const add = async (data: Record<string, unknown>) =>
    (await createRecord({ ctx: owner, input: { ...ids, data } })).record;
  const list = (input: object) => listRecords({ ctx: owner, input: { ...ids, ...input } });
  const titles = async (input: object) => (await list(input)).records.map((r) => r.data[f.Title]);
  return { owner, project, database, f, ids, add, list, titles };
}

/** The error a promise rejects with (null if it resolves). */
export const err = async (p: Promise<unknown>) =>
  (await p.then(
    () => null,
    (e: unknown) => e,
  )) as AppError;
