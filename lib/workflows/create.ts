import "server-only";
import { workflows } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { AppError, conflict, isUniqueViolation } from "../errors";
import { getProjectForActor } from "../projects/access";
import { CreateWorkflowInput } from "./schemas";
import { templateGraph } from "./templates";
import { toWorkflowView, type WorkflowView } from "./views";

const BLANK = {
  nodes: [{ id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { inputs: [] } }],
  edges: [],
};

/** Creates a workflow in a project (editors and owners): blank, from a graph, or from a template. Audited. */
export async function createWorkflow({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ workflow: WorkflowView }> {
  const actor = requireUser(ctx, { scope: "write" });
  const data = CreateWorkflowInput.parse(input);
  const graph = data.template
    ? templateGraph(data.template, data.templateParams)
    : (data.graph ?? BLANK);
  if (!graph)
    throw new AppError("validation", `There is no template "${data.template}".`, {
      fields: [{ field: "template", message: "is not a known template" }],
    });
  return withTransaction(ctx, async (tx) => {
    const { project } = await getProjectForActor({
      db: tx.db,
      id: data.projectId,
      actor,
      minRole: "editor",
      active: true,
    });
    const [row] = await tx.db
      .insert(workflows)
      .values({
        projectId: project.id,
        name: data.name,
        description: data.description,
        draft: graph as never,
        runRole: data.runRole,
        createdBy: actor.userId,
        triggerUserId: actor.userId,
      })
      .returning()
      .catch((err: unknown) => {
        throw isUniqueViolation(err)
          ? conflict(`This project already has a workflow named "${data.name}".`)
          : err;
      });
    await recordAudit(tx, {
      action: "workflow.create",
      targetType: "workflow",
      targetId: row!.id,
      metadata: { projectId: project.id, name: data.name, template: data.template ?? null },
    });
    return { workflow: toWorkflowView(row!) };
  });
}
