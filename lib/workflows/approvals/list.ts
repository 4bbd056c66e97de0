import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { projectMembers, workflowApprovals, workflowRuns, workflows } from "@/db/schema";
import { requireUser } from "../../auth/authorize";
import type { Ctx } from "../../context";
import { toApprovalView } from "../views";

const RANK = sql`case ${projectMembers.role} when 'owner' then 3 when 'editor' then 2 else 1 end`;
const NEEDED = sql`case ${workflowApprovals.role} when 'owner' then 3 when 'editor' then 2 else 1 end`;

/** The pending approvals the caller may decide, across their projects, oldest first. */
export async function listApprovals({ ctx }: { ctx: Ctx; input?: unknown }) {
  const actor = requireUser(ctx, { scope: "read" });
  const rows = await ctx.db
    .select({ a: workflowApprovals, workflowId: workflows.id, workflowName: workflows.name })
    .from(workflowApprovals)
    .innerJoin(
      projectMembers,
      and(
        eq(projectMembers.projectId, workflowApprovals.projectId),
        eq(projectMembers.userId, actor.userId),
      ),
    )
    .innerJoin(workflowRuns, eq(workflowRuns.id, workflowApprovals.runId))
    .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .where(and(eq(workflowApprovals.status, "pending"), sql`${RANK} >= ${NEEDED}`))
    .orderBy(desc(workflowApprovals.createdAt))
    .limit(200);
  return {
    approvals: rows.map((r) => ({
      ...toApprovalView(r.a),
      workflow: { id: r.workflowId, name: r.workflowName },
    })),
  };
}
