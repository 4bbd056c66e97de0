import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { workflowApprovals, workflowRuns } from "@/db/schema";
import { recordAudit } from "../../audit/record";
import { requireUser } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { conflict } from "../../errors";
import { assertMayRun } from "../access";
import { recordEvent } from "../runtime/db-store";
import { toRunView } from "../views";
import { getRunForActor } from "./access";
import { RunRef } from "./schemas";

/**
 * Cancels a run (whoever may run the workflow): no new step starts, and the worker holding it
 * aborts its running steps within a heartbeat (a second). A run no worker holds (queued,
 * waiting) ends now.
 */
export async function cancelRun({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "write", system: true });
  const { runId } = RunRef.parse(input);
  const run = await withTransaction(ctx, async (tx) => {
    const { run, workflow, role } = await getRunForActor(tx.db, actor, runId);
    assertMayRun(workflow, role);
    if (!["queued", "running", "waiting_approval"].includes(run.status))
      throw conflict(`The run has already ended (${run.status}).`);
    const [row] = await tx.db
      .update(workflowRuns)
      .set({
        cancelRequested: true,
        // Nobody works it right now: it ends here. Otherwise its worker ends it.
        status: sql`case when ${workflowRuns.leaseOwner} is null then 'cancelled' else ${workflowRuns.status} end`,
        finishedAt: sql`case when ${workflowRuns.leaseOwner} is null then now() else null end`,
      })
      .where(
        and(
          eq(workflowRuns.id, run.id),
          inArray(workflowRuns.status, ["queued", "running", "waiting_approval"]),
        ),
      )
      .returning();
    if (row?.status === "cancelled") {
      await tx.db
        .update(workflowApprovals)
        .set({ status: "cancelled" })
        .where(and(eq(workflowApprovals.runId, run.id), eq(workflowApprovals.status, "pending")));
      await recordEvent(tx.db, run.id, "run_status", { status: "cancelled" });
    }
    await recordAudit(tx, {
      action: "workflow.run.cancel",
      targetType: "workflow_run",
      targetId: run.id,
      metadata: { workflowId: workflow.id },
    });
    return row ?? run;
  });
  return { run: toRunView(run) };
}
