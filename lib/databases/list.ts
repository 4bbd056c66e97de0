import "server-only";
import { asc, count, eq, inArray } from "drizzle-orm";
import { databaseRecords, projectDatabases } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { ListDatabasesInput, type ListDatabasesOutput } from "./schemas";
import { toView } from "./views";

/**
 * A project's databases with their schemas and record counts (any member). The counts come from
 * one grouped query: a correlated `sql` subquery naming `projectDatabases.id` is rendered
 * unqualified by drizzle in a single-table select, so it compared a record with itself and
 * counted 0 for every database.
 */
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
  const rows = await ctx.db
    .select()
    .from(projectDatabases)
    .where(eq(projectDatabases.projectId, project.id))
    .orderBy(asc(projectDatabases.name));
  if (rows.length === 0) return { databases: [] };
  const counts = await ctx.db
    .select({ id: databaseRecords.databaseId, n: count() })
    .from(databaseRecords)
    .where(
      inArray(
        databaseRecords.databaseId,
        rows.map((d) => d.id),
      ),
    )
    .groupBy(databaseRecords.databaseId);
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  return { databases: rows.map((d) => toView(d, byId.get(d.id) ?? 0)) };
}
