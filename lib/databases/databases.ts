import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import {
  databaseRecords,
  projectDatabases,
  type FieldDef,
  type ProjectDatabase,
} from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { conflict, isUniqueViolation } from "../errors";
import { getProjectForActor } from "../projects/access";
import { getDatabaseForActor } from "./access";
import { checkField, newFieldId } from "./fields";
import { CreateDatabaseInput } from "./schemas";

export type DatabaseView = Omit<ProjectDatabase, "createdAt" | "updatedAt" | "createdBy"> & {
  createdAt: string;
  updatedAt: string;
  recordCount?: number;
};
export const toView = (d: ProjectDatabase, recordCount?: number): DatabaseView => ({
  id: d.id,
  projectId: d.projectId,
  name: d.name,
  description: d.description,
  fields: d.fields,
  schemaVersion: d.schemaVersion,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  recordCount,
});

/** Creates a typed database in a project (editors and owners). Audited. */
export async function createDatabase({
  ctx,
  projectId,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  input: unknown;
}): Promise<DatabaseView> {
  const actor = requireUser(ctx, { scope: "write" });
  const data = CreateDatabaseInput.parse(input);
  const fields: FieldDef[] = [];
  data.fields.forEach((f, i) =>
    fields.push(checkField({ ...f, id: newFieldId() }, fields, `fields.${i}`)),
  );
  return withTransaction(ctx, async (tx) => {
    const { project } = await getProjectForActor({
      db: tx.db,
      id: projectId,
      actor,
      minRole: "editor",
    });
    const row = await tx.db
      .insert(projectDatabases)
      .values({
        projectId: project.id,
        name: data.name,
        description: data.description,
        fields,
        createdBy: actor.userId,
      })
      .returning()
      .catch((err: unknown) => {
        throw isUniqueViolation(err)
          ? conflict(`This project already has a database named "${data.name}".`)
          : err;
      });
    await recordAudit(tx, {
      action: "database.create",
      targetType: "database",
      targetId: row[0]!.id,
      metadata: { projectId: project.id, after: { name: data.name, fields } },
    });
    return toView(row[0]!, 0);
  });
}

/** A project's databases with their record counts (any member). */
export async function listDatabases({
  ctx,
  projectId,
}: {
  ctx: Ctx;
  projectId: string;
}): Promise<DatabaseView[]> {
  const actor = requireUser(ctx, { scope: "read" });
  const { project } = await getProjectForActor({ db: ctx.db, id: projectId, actor });
  const count =
    sql<number>`(select count(*) from ${databaseRecords} r where r.database_id = ${projectDatabases.id})`.mapWith(
      Number,
    );
  const rows = await ctx.db
    .select({ d: projectDatabases, count })
    .from(projectDatabases)
    .where(eq(projectDatabases.projectId, project.id))
    .orderBy(asc(projectDatabases.name));
  return rows.map((r) => toView(r.d, r.count));
}

export async function getDatabase({
  ctx,
  projectId,
  id,
}: {
  ctx: Ctx;
  projectId: string;
  id: string;
}): Promise<DatabaseView> {
  const actor = requireUser(ctx, { scope: "read" });
  const d = await getDatabaseForActor(ctx, actor, projectId, id);
  return toView(d, await ctx.db.$count(databaseRecords, eq(databaseRecords.databaseId, d.id)));
}

/** Drops a database and its records (editors and owners). Audited with its schema. */
export async function dropDatabase({
  ctx,
  projectId,
  id,
}: {
  ctx: Ctx;
  projectId: string;
  id: string;
}): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  await withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, id, {
      minRole: "editor",
      lock: true,
    });
    await tx.db.delete(projectDatabases).where(eq(projectDatabases.id, d.id));
    await recordAudit(tx, {
      action: "database.drop",
      targetType: "database",
      targetId: d.id,
      metadata: {
        projectId: d.projectId,
        before: { name: d.name, fields: d.fields, schemaVersion: d.schemaVersion },
      },
    });
  });
}
