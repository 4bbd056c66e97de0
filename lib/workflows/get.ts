import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getWorkflowForActor } from "./access";
import { WorkflowRef } from "./schemas";
import { toWorkflowView, type WorkflowView } from "./views";

/** One workflow with its draft and the draft's issues (any project member). */
export async function getWorkflow({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ workflow: WorkflowView; role: string }> {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { workflowId } = WorkflowRef.parse(input);
  const { workflow, role } = await getWorkflowForActor({ db: ctx.db, id: workflowId, actor });
  return { workflow: toWorkflowView(workflow), role };
}
