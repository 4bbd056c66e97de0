import "server-only";
import { and, eq } from "drizzle-orm";
import { projectDatabases, type ProjectDatabase } from "@/db/schema";
import type { Ctx, UserActor } from "../context";
import { notFound } from "../errors";
import { getProjectForActor } from "../projects/access";
import { isUuid } from "../ids";

/**
 * A database of a project the actor can see with at least `minRole`; `lock` holds its row for a
 * schema or unique check. Editor access means a write, which an archived project refuses (409).
 */
export async function getDatabaseForActor(
  ctx: Ctx,
  actor: UserActor,
  projectId: string,
  id: string,
  opts: { minRole?: "viewer" | "editor"; lock?: boolean } = {},
): Promise<ProjectDatabase> {
  const { project } = await getProjectForActor({
    db: ctx.db,
    id: projectId,
    actor,
    minRole: opts.minRole,
    active: opts.minRole === "editor",
  });
  if (!isUuid(id)) throw notFound("Database");
  const query = ctx.db
    .select()
    .from(projectDatabases)
    .where(and(eq(projectDatabases.id, id), eq(projectDatabases.projectId, project.id)));
  const [db] = opts.lock ? await query.for("update") : await query;
  if (!db) throw notFound("Database");
  return db;
}
