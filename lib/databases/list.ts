import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { databaseRecords, projectDatabases } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { ListDatabasesInput, type ListDatabasesOutput } from "./schemas";
import { toView } from "./views";

/** A project's databases with their schemas and record counts (any member). */
export async function listDatabases({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListDatabasesOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const { projectId } = ListDatabasesInput.parse(input);
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
  return { databases: rows.map((r) => toView(r.d, r.count)) };
}
