import "server-only";
import { and, eq } from "drizzle-orm";
import { workflowVersions } from "@/db/schema";
import { requireUser } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { assertActive } from "../../projects/access";
import { AppError, forbidden } from "../../errors";
import { assertMayRun, getWorkflowForActor, roleAtLeast } from "../access";
import { validateGraph } from "../validate";
import { toRunView, type RunView } from "../views";
import { insertRun } from "./create-run";
import { StartRunInput } from "./schemas";

/**
 * Starts a run by hand (members whose role reaches the workflow's runRole): of the published
 * version, or — editors only — a test run of the draft. The input is checked against the
 * trigger's fields. The run is queued, and handed to the workers once committed.
 */
export async function startRun({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ run: RunView }> {
  const actor = requireUser(ctx, { scope: "write", system: true });
  const data = StartRunInput.parse(input);
  const run = await withTransaction(ctx, async (tx) => {
    const { workflow, role, project } = await getWorkflowForActor({
      db: tx.db,
      id: data.workflowId,
      actor,
    });
    // The run role first: a member who may never run it hears 403, not about an archive.
    assertMayRun(workflow, role);
    assertActive(project);
    let graph = workflow.draft;
    let versionNumber: number | null = null;
    if (data.draft) {
      if (!roleAtLeast(role, "editor"))
        throw forbidden("Test-running the draft needs the editor role.");
      const v = validateGraph(graph);
      if (!v.ok)
        throw new AppError(
          "validation",
          `The draft has ${v.issues.length} problem(s); fix them to run it.`,
          { issues: v.issues },
        );
    } else {
      if (!workflow.publishedVersion)
        throw new AppError(
          "conflict",
          "This workflow has no published version yet: publish it, or test-run the draft.",
        );
      const [v] = await tx.db
        .select()
        .from(workflowVersions)
        .where(
          and(
            eq(workflowVersions.workflowId, workflow.id),
            eq(workflowVersions.number, workflow.publishedVersion),
          ),
        );
      graph = v!.graph;
      versionNumber = v!.number;
    }
    const { run } = await insertRun(tx.db, {
      workflowId: workflow.id,
      projectId: workflow.projectId,
      versionNumber,
      graph,
      trigger: "manual",
      input: data.input,
      actorId: actor.userId,
      maxInFlight: ctx.env.workflows.maxRunsInFlight,
    });
    return run;
  });
  await ctx.workflows.enqueue(run.id);
  return { run: toRunView(run) };
}
