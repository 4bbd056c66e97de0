import "server-only";
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { projectMembers, projects, workflowApprovals, workflowRuns, workflows } from "@/db/schema";
import { requireUser } from "../../auth/authorize";
import type { Ctx, UserActor } from "../../context";
import { toApprovalView } from "../views";

const RANK = sql`case ${projectMembers.role} when 'owner' then 3 when 'editor' then 2 else 1 end`;
const NEEDED = sql`case ${workflowApprovals.role} when 'owner' then 3 when 'editor' then 2 else 1 end`;

/**
 * Pending, in one of the actor's active projects (an archived one is read-only: its approvals
 * cannot be decided until it is restored), and needing no more than the actor's role there.
 */
const decidable = (actor: UserActor) => ({
  member: and(
    eq(projectMembers.projectId, workflowApprovals.projectId),
    eq(projectMembers.userId, actor.userId),
  ),
  where: and(
    eq(workflowApprovals.status, "pending"),
    sql`${RANK} >= ${NEEDED}`,
    isNull(projects.archivedAt),
  ),
});

/** The pending approvals the caller may decide, across their projects, newest first. */
export async function listApprovals({ ctx }: { ctx: Ctx; input?: unknown }) {
  const actor = requireUser(ctx, { scope: "read" });
  const { member, where } = decidable(actor);
  const rows = await ctx.db
    .select({
      a: workflowApprovals,
      workflowId: workflows.id,
      workflowName: workflows.name,
      projectName: projects.name,
    })
    .from(workflowApprovals)
    .innerJoin(projectMembers, member)
    .innerJoin(workflowRuns, eq(workflowRuns.id, workflowApprovals.runId))
    .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .innerJoin(projects, eq(projects.id, workflowApprovals.projectId))
    .where(where)
    .orderBy(desc(workflowApprovals.createdAt))
    .limit(200);
  return {
    approvals: rows.map((r) => ({
      ...toApprovalView(r.a),
      workflow: { id: r.workflowId, name: r.workflowName },
      project: { id: r.a.projectId, name: r.projectName },
    })),
  };
}

/**
 * How many approvals listApprovals would show (for the navigation's badge on every page): one
 * count over the pending index and the caller's memberships, no rows fetched.
 */
export async function countApprovals({ ctx }: { ctx: Ctx; input?: unknown }) {
  const actor = requireUser(ctx, { scope: "read" });
  const { member, where } = decidable(actor);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(workflowApprovals)
    .innerJoin(projectMembers, member)
    .innerJoin(projects, eq(projects.id, workflowApprovals.projectId))
    .where(where);
  return { pending: Number(row?.n ?? 0) };
}
