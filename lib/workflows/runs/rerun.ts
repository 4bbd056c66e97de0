import "server-only";
import { asc, eq } from "drizzle-orm";
import { workflowSteps } from "@/db/schema";
import { requireUser } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { AppError } from "../../errors";
import { assertActive } from "../../projects/access";
import { assertMayRun } from "../access";
import { validateGraph } from "../validate";
import { toRunView } from "../views";
import { getRunForActor } from "./access";
import { insertRun } from "./create-run";
import { RerunInput } from "./schemas";

/**
 * Re-runs a finished run from one step, on the same version and input: every step that is not
 * that step or after it keeps the output it had (copied, marked reused); the rest run again.
 */
export async function rerunFromStep({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "write", system: true });
  const { runId, fromNodeId } = RerunInput.parse(input);
  const run = await withTransaction(ctx, async (tx) => {
    const { run: old, workflow, role, project } = await getRunForActor(tx.db, actor, runId);
    assertMayRun(workflow, role);
    // A re-run is a new run: an archived project starts none (as startRun refuses).
    assertActive(project);
    if (!["failed", "succeeded", "cancelled"].includes(old.status))
      throw new AppError(
        "conflict",
        `The run is still ${old.status}; re-run it once it has ended.`,
      );
    const v = validateGraph(old.graph);
    if (!v.graph.nodes.some((n) => n.id === fromNodeId))
      throw new AppError("validation", `The run's graph has no node "${fromNodeId}".`, {
        fields: [{ field: "fromNodeId", message: "is not a node of this run" }],
      });
    // Again: the node, what comes after it, and (inside a For each) its whole loop.
    const again = new Set([fromNodeId]);
    for (const id of v.topology.order)
      if (v.topology.ancestors.get(id)?.has(fromNodeId)) again.add(id);
    for (let loop = v.topology.bodyOf.get(fromNodeId); loop; loop = v.topology.bodyOf.get(loop)) {
      again.add(loop);
      for (const id of v.topology.order) if (v.topology.ancestors.get(id)?.has(loop)) again.add(id);
    }
    const { run } = await insertRun(tx.db, {
      workflowId: old.workflowId,
      projectId: old.projectId,
      versionNumber: old.versionNumber,
      graph: old.graph,
      trigger: "rerun",
      input: old.input,
      actorId: actor.userId,
      rerunOf: old.id,
      maxInFlight: ctx.env.workflows.maxRunsInFlight,
    });
    // In the order they started: the copies get new seq numbers, and the history is read by seq.
    const keep = (
      await tx.db
        .select()
        .from(workflowSteps)
        .where(eq(workflowSteps.runId, old.id))
        .orderBy(asc(workflowSteps.seq))
    ).filter(
      (s) =>
        !again.has(s.nodeId) &&
        !again.has(s.itemPath.split("[")[0] ?? "") &&
        (s.status === "succeeded" || s.status === "skipped" || (s.status === "failed" && s.branch)),
    );
    if (keep.length)
      await tx.db.insert(workflowSteps).values(
        keep.map(({ id: _id, seq: _seq, runId: _r, ...s }) => ({
          ...s,
          runId: run.id,
          reused: true,
        })),
      );
    return run;
  });
  await ctx.workflows.enqueue(run.id);
  return { run: toRunView(run) };
}
