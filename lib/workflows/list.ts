import "server-only";
import { and, desc, eq, ilike, sql } from "drizzle-orm";
import { projectMembers, projects, workflowRuns, workflows } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getProjectForActor } from "../projects/access";
import { ListWorkflowsInput } from "./schemas";
import { RECENT_RUNS } from "./constants";
import { toWorkflowListItem, type WorkflowListItem } from "./views";

type LastRun = { id: string; status: string; createdAt: string } | null;
// postgres-js and PGlite both hand json back parsed; a string is parsed here in case a driver does not.
const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

/**
 * The workflows of the caller's projects (or of one), newest change first, each with its project,
 * the caller's role there, its last run and how many of its last RECENT_RUNS runs failed. One
 * query: membership is an inner join on the caller's rows (so another user's workflows never
 * appear), the run columns are correlated subqueries on the (workflow_id, created_at) index.
 */
export async function listWorkflows({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ workflows: WorkflowListItem[] }> {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const q = ListWorkflowsInput.parse(input ?? {});
  // One project's list goes through the ownership helper: a project the caller is not in, or a
  // malformed id, is 404 (a malformed id used to reach the uuid column and fail as a 500).
  if (q.projectId !== undefined) await getProjectForActor({ db: ctx.db, id: q.projectId, actor });
  const lastRun =
    sql<LastRun>`(select json_build_object('id', r.id, 'status', r.status, 'createdAt', r.created_at)
    from ${workflowRuns} r where r.workflow_id = ${workflows.id}
    order by r.created_at desc, r.id desc limit 1)`.mapWith(json);
  const recentFailures = sql<number>`(select count(*) from (select r.status
    from ${workflowRuns} r where r.workflow_id = ${workflows.id}
    order by r.created_at desc limit ${sql.raw(String(RECENT_RUNS))}) recent
    where recent.status = 'failed')`.mapWith(Number);
  const rows = await ctx.db
    .select({
      workflow: workflows,
      project: { id: projects.id, name: projects.name, archivedAt: projects.archivedAt },
      role: projectMembers.role,
      lastRun,
      recentFailures,
    })
    .from(workflows)
    .innerJoin(projects, eq(projects.id, workflows.projectId))
    .innerJoin(
      projectMembers,
      and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, actor.userId)),
    )
    .where(
      and(
        q.projectId ? eq(workflows.projectId, q.projectId) : undefined,
        q.q ? ilike(workflows.name, `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(desc(workflows.updatedAt), desc(workflows.id))
    .limit(500);
  return { workflows: rows.map(toWorkflowListItem) };
}
