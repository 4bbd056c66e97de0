import "server-only";
import { and, desc, eq, ilike, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { projectMembers, projects } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { ListProjectsInput, type ListProjectsOutput } from "./schemas";
import { toSummary } from "./views";

/** The caller's projects (any role), most recently updated first, with search, status filter and paging. */
export async function listProjects({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListProjectsOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const { q, status, page, pageSize } = ListProjectsInput.parse(input ?? {});
  const conditions: SQL[] = [eq(projectMembers.userId, actor.userId)];
  if (q) conditions.push(ilike(projects.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (status === "active") conditions.push(isNull(projects.archivedAt));
  if (status === "archived") conditions.push(isNotNull(projects.archivedAt));
  const where = and(...conditions);
  const memberCount =
    sql<number>`(select count(*) from ${projectMembers} pm where pm.project_id = ${projects.id})`.mapWith(
      Number,
    );
  const rows = await ctx.db
    .select({ project: projects, role: projectMembers.role, memberCount })
    .from(projects)
    .innerJoin(projectMembers, eq(projectMembers.projectId, projects.id))
    .where(where)
    .orderBy(desc(projects.updatedAt), desc(projects.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(projects)
    .innerJoin(projectMembers, eq(projectMembers.projectId, projects.id))
    .where(where);
  return {
    projects: rows.map((r) => toSummary(r.project, r.role, r.memberCount)),
    total,
    page,
    pageSize,
  };
}
