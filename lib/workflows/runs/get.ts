import "server-only";
import { and, asc, desc, eq, gt, lt } from "drizzle-orm";
import { workflowApprovals, workflowRunEvents, workflowRuns, workflowSteps } from "@/db/schema";
import { requireUser } from "../../auth/authorize";
import type { Ctx } from "../../context";
import { getWorkflowForActor } from "../access";
import { toApprovalView, toRunView, toStepView } from "../views";
import { getRunForActor } from "./access";
import { ListRunsInput, RunEventsInput, RunRef } from "./schemas";

/** One run with its steps (in the order they started) and approvals (any project member). */
export async function getRun({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { runId } = RunRef.parse(input);
  const { run } = await getRunForActor(ctx.db, actor, runId);
  const steps = await ctx.db
    .select()
    .from(workflowSteps)
    .where(eq(workflowSteps.runId, run.id))
    .orderBy(asc(workflowSteps.seq));
  const approvals = await ctx.db
    .select()
    .from(workflowApprovals)
    .where(eq(workflowApprovals.runId, run.id));
  return {
    run: toRunView(run),
    steps: steps.map(toStepView),
    approvals: approvals.map(toApprovalView),
  };
}

/** A workflow's runs, newest first, by status, paged by creation time. */
export async function listRuns({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const q = ListRunsInput.parse(input);
  const { workflow } = await getWorkflowForActor({ db: ctx.db, id: q.workflowId, actor });
  const rows = await ctx.db
    .select()
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.workflowId, workflow.id),
        q.status ? eq(workflowRuns.status, q.status) : undefined,
        q.before ? lt(workflowRuns.createdAt, new Date(q.before)) : undefined,
      ),
    )
    .orderBy(desc(workflowRuns.createdAt))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    runs: page.map(toRunView),
    next: rows.length > q.limit ? page.at(-1)!.createdAt.toISOString() : null,
  };
}

/** The run's events after `after` (the live view polls this through its event stream). */
export async function listRunEvents({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { runId, after } = RunEventsInput.parse(input);
  const { run } = await getRunForActor(ctx.db, actor, runId);
  const events = await ctx.db
    .select()
    .from(workflowRunEvents)
    .where(and(eq(workflowRunEvents.runId, run.id), gt(workflowRunEvents.id, after)))
    .orderBy(asc(workflowRunEvents.id))
    .limit(500);
  const [current] = await ctx.db
    .select({ status: workflowRuns.status })
    .from(workflowRuns)
    .where(eq(workflowRuns.id, run.id));
  return {
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      data: e.data,
      at: e.createdAt.toISOString(),
    })),
    status: current!.status,
  };
}
