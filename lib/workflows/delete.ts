import "server-only";
import { eq } from "drizzle-orm";
import { workflows } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { getWorkflowForActor } from "./access";
import { WorkflowRef } from "./schemas";

/** Deletes a workflow with its versions and run history (editors and owners). Audited. */
export async function deleteWorkflow({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "write" });
  const { workflowId } = WorkflowRef.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { workflow } = await getWorkflowForActor({
      db: tx.db,
      id: workflowId,
      actor,
      minRole: "editor",
      // Deleting is a content write: an archived project refuses it (as it does documents and databases).
      active: true,
    });
    await tx.db.delete(workflows).where(eq(workflows.id, workflow.id));
    await recordAudit(tx, {
      action: "workflow.delete",
      targetType: "workflow",
      targetId: workflow.id,
      metadata: { projectId: workflow.projectId, name: workflow.name },
    });
    return { deleted: { id: workflow.id, name: workflow.name } };
  });
}
