import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { workflows } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { conflict, isUniqueViolation } from "../errors";
import { getWorkflowForActor } from "./access";
import { UpdateWorkflowInput } from "./schemas";
import { toWorkflowView, type WorkflowView } from "./views";

/**
 * Saves the draft and settings (editors and owners). The draft may have validation issues (the
 * canvas shows them; publishing refuses them). A save based on an old revision is refused (409)
 * so two editors never overwrite each other silently. Settings changes are audited.
 */
export async function updateWorkflow({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ workflow: WorkflowView }> {
  const actor = requireUser(ctx, { scope: "write" });
  const { workflowId, revision, ...data } = UpdateWorkflowInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { workflow } = await getWorkflowForActor({
      db: tx.db,
      id: workflowId,
      actor,
      minRole: "editor",
      active: true,
    });
    const [row] = await tx.db
      .update(workflows)
      .set({
        ...(data.name !== undefined && { name: data.name }),
        ...(data.description !== undefined && { description: data.description }),
        ...(data.graph !== undefined && { draft: data.graph as never }),
        ...(data.runRole !== undefined && { runRole: data.runRole }),
        ...(data.triggers !== undefined && {
          triggers: [...new Set(["manual" as const, ...data.triggers])],
        }),
        draftRevision: sql`${workflows.draftRevision} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(workflows.id, workflow.id), eq(workflows.draftRevision, revision)))
      .returning()
      .catch((err: unknown) => {
        throw isUniqueViolation(err)
          ? conflict(`This project already has a workflow named "${data.name}".`)
          : err;
      });
    if (!row)
      throw conflict(
        `The workflow was changed since revision ${revision} (it is at ${workflow.draftRevision}); reload it and apply your edit again.`,
        { revision: workflow.draftRevision },
      );
    const settings = { name: data.name, runRole: data.runRole, triggers: data.triggers };
    if (Object.values(settings).some((v) => v !== undefined))
      await recordAudit(tx, {
        action: "workflow.update",
        targetType: "workflow",
        targetId: workflow.id,
        metadata: {
          before: { name: workflow.name, runRole: workflow.runRole, triggers: workflow.triggers },
          after: { name: row.name, runRole: row.runRole, triggers: row.triggers },
        },
      });
    return { workflow: toWorkflowView(row) };
  });
}
