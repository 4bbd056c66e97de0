import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { workflowApprovals, workflowRuns } from "@/db/schema";
import { recordAudit } from "../../audit/record";
import { requireUser } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { conflict, forbidden, notFound } from "../../errors";
import { idInput, isUuid } from "../../ids";
import { assertActive, getProjectForActor } from "../../projects/access";
import { roleAtLeast } from "../access";
import { recordEvent } from "../runtime/db-store";
import { toApprovalView } from "../views";

export const DecideApprovalInput = z
  .object({
    approvalId: idInput("The approval's id"),
    decision: z.enum(["approve", "reject"]).describe("approve or reject"),
    comment: z.string().max(2000).default("").describe("Why (kept with the decision)"),
  })
  .strict();

/**
 * Approves or rejects a waiting step (a project member holding at least the approval's role).
 * One decision wins; the run resumes on whichever instance takes its job. Audited.
 */
export async function decideApproval({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "write" });
  const { approvalId, decision, comment } = DecideApprovalInput.parse(input);
  if (!isUuid(approvalId)) throw notFound("Approval");
  const approval = await withTransaction(ctx, async (tx) => {
    const [a] = await tx.db
      .select()
      .from(workflowApprovals)
      .where(eq(workflowApprovals.id, approvalId));
    if (!a) throw notFound("Approval");
    const { role, project } = await getProjectForActor({ db: tx.db, id: a.projectId, actor }).catch(
      (err: unknown) => {
        throw (err as { code?: string }).code === "not_found" ? notFound("Approval") : err;
      },
    );
    const [run] = await tx.db
      .select({ status: workflowRuns.status })
      .from(workflowRuns)
      .where(eq(workflowRuns.id, a.runId));
    if (!run || !["running", "waiting_approval"].includes(run.status))
      throw conflict(
        `The run has ended (${run?.status ?? "deleted"}); there is nothing to decide.`,
      );
    if (!roleAtLeast(role, a.role))
      throw forbidden(`Deciding this needs the ${a.role} role in the project; you are a ${role}.`);
    // A decision lets the run go on writing into the project: an archived one is read-only.
    assertActive(project);
    const [row] = await tx.db
      .update(workflowApprovals)
      .set({
        status: decision === "approve" ? "approved" : "rejected",
        decidedBy: actor.userId,
        comment,
        decidedAt: sql`now()`,
      })
      .where(and(eq(workflowApprovals.id, a.id), eq(workflowApprovals.status, "pending")))
      .returning();
    if (!row) throw conflict(`This approval was already decided (${a.status}).`);
    await recordEvent(tx.db, a.runId, "approval_decided", {
      approvalId: a.id,
      nodeId: a.nodeId,
      status: row.status,
    });
    await recordAudit(tx, {
      action: `workflow.approval.${decision}`,
      targetType: "workflow_approval",
      targetId: a.id,
      metadata: { runId: a.runId, nodeId: a.nodeId, comment },
    });
    return row;
  });
  await ctx.workflows.enqueue(approval.runId);
  return { approval: toApprovalView(approval) };
}
