import "server-only";
import { createHash } from "node:crypto";
import { and, eq, max } from "drizzle-orm";
import { workflows, workflowVersions } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { AppError, conflict } from "../errors";
import { canonicalJson } from "./diff";
import { getWorkflowForActor } from "./access";
import { triggerOf } from "./runs/create-run";
import { checkSchedule } from "./schedules";
import { PublishInput } from "./schemas";
import { validateGraph } from "./validate";
import { toVersionSummary } from "./views";

export const graphHash = (graph: unknown) =>
  createHash("sha256").update(canonicalJson(graph)).digest("hex");

/**
 * Publishes the draft as the next immutable version (editors and owners); runs start on it from
 * then on, and schedules and webhooks act for the publisher. A draft with any validation issue
 * is refused with every issue listed. Audited.
 */
export async function publishWorkflow({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "write" });
  const { workflowId, revision, message } = PublishInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { workflow } = await getWorkflowForActor({
      db: tx.db,
      id: workflowId,
      actor,
      minRole: "editor",
      active: true,
    });
    await tx.db
      .select({ id: workflows.id })
      .from(workflows)
      .where(eq(workflows.id, workflow.id))
      .for("update");
    if (workflow.draftRevision !== revision)
      throw conflict(
        `The draft was changed since revision ${revision} (it is at ${workflow.draftRevision}); review it and publish again.`,
        {
          revision: workflow.draftRevision,
        },
      );
    const v = validateGraph(workflow.draft);
    if (!v.ok)
      throw new AppError(
        "validation",
        `The draft has ${v.issues.length} problem${v.issues.length === 1 ? "" : "s"}; fix them to publish.`,
        {
          issues: v.issues,
          fields: v.issues.map((i) => ({
            field: ["graph", i.nodeId ?? i.edgeId, i.field].filter(Boolean).join("."),
            message: i.message,
          })),
        },
      );
    const schedule = triggerOf(workflow.draft)?.config.schedule;
    if (schedule) {
      const problem = checkSchedule(schedule.cron, schedule.timezone);
      if (problem)
        throw new AppError("validation", `The schedule is not valid: ${problem}`, {
          fields: [{ field: "graph.trigger.config.schedule", message: problem }],
        });
    }
    const [{ last }] = (await tx.db
      .select({ last: max(workflowVersions.number) })
      .from(workflowVersions)
      .where(eq(workflowVersions.workflowId, workflow.id))) as [{ last: number | null }];
    const number = (last ?? 0) + 1;
    const [version] = await tx.db
      .insert(workflowVersions)
      .values({
        workflowId: workflow.id,
        number,
        graph: workflow.draft,
        graphHash: graphHash(workflow.draft),
        message,
        authorId: actor.userId,
      })
      .returning();
    await tx.db
      .update(workflows)
      .set({ publishedVersion: number, triggerUserId: actor.userId, updatedAt: ctx.clock.now() })
      .where(and(eq(workflows.id, workflow.id)));
    await recordAudit(tx, {
      action: "workflow.publish",
      targetType: "workflow",
      targetId: workflow.id,
      metadata: { version: number, message, graphHash: version!.graphHash },
    });
    return { version: toVersionSummary(version!) };
  });
}
