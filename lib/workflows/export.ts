import "server-only";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getWorkflowForActor } from "./access";
import { WORKFLOW_FILE_FORMAT, WORKFLOW_FILE_VERSION, type WorkflowFile } from "./export-format";
import { WorkflowRef } from "./schemas";

/** The workflow as an export file (any project member: it is what they can already read). */
export async function exportWorkflow({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ file: WorkflowFile }> {
  const actor = requireUser(ctx, { scope: "read" });
  const { workflowId } = WorkflowRef.parse(input);
  const { workflow: w } = await getWorkflowForActor({ db: ctx.db, id: workflowId, actor });
  return {
    file: {
      format: WORKFLOW_FILE_FORMAT,
      version: WORKFLOW_FILE_VERSION,
      exportedAt: ctx.clock.now().toISOString(),
      name: w.name,
      description: w.description,
      runRole: w.runRole,
      triggers: w.triggers,
      graph: { nodes: w.draft.nodes, edges: w.draft.edges },
    },
  };
}
