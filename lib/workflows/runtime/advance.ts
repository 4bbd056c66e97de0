import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  users,
  workflowApprovals,
  workflowRuns,
  workflowSteps,
  type WorkflowRunRow,
} from "@/db/schema";
import type { Ctx, UserActor } from "../../context";
import { runEngine } from "../engine/run";
import type { EngineResult, StepState } from "../engine/types";
import type { Effects } from "../nodes/types";
import { validateGraph } from "../validate";
import { DbStepStore, recordEvent, storable } from "./db-store";

export interface AdvanceDeps {
  db: Db;
  /** This process's id, held in the run's lease. */
  owner: string;
  leaseMs: number;
  /** A ctx acting for the run's user (a system actor on their behalf). */
  ctxFor(actor: UserActor, runId: string): Promise<Ctx>;
  /** The effects a run uses (the real services; a test may hand in others). */
  effects(ctx: Ctx, run: WorkflowRunRow): Effects;
  enqueue(runId: string, startAfter?: Date): Promise<void>;
  maxRunMs: number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Aborted when the process stops: the run is left to another worker (lease released). */
  stopping: AbortSignal;
}

const ACTIVE = ["queued", "running", "waiting_approval"] as const;

/** Takes the run's lease if nobody holds it (or its holder's lease ran out). */
async function claim(d: AdvanceDeps, runId: string): Promise<WorkflowRunRow | undefined> {
  const [row] = await d.db
    .update(workflowRuns)
    .set({
      leaseOwner: d.owner,
      leaseUntil: sql`now() + ${`${d.leaseMs} milliseconds`}::interval`,
      startedAt: sql`coalesce(${workflowRuns.startedAt}, now())`,
    })
    .where(
      and(
        eq(workflowRuns.id, runId),
        inArray(workflowRuns.status, [...ACTIVE]),
        sql`(${workflowRuns.leaseOwner} is null or ${workflowRuns.leaseUntil} < now() or ${workflowRuns.leaseOwner} = ${d.owner})`,
      ),
    )
    .returning();
  return row;
}

async function actorOf(db: Db, userId: string | null): Promise<UserActor | undefined> {
  if (!userId) return undefined;
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u || u.disabledAt) return undefined;
  return {
    kind: "user",
    userId: u.id,
    email: u.email,
    role: u.role,
    tier: u.tier,
    via: "session",
    scopes: ["read", "write"],
  };
}

/** Writes the run's end (or its wait) and gives up the lease, only if this worker still holds it. */
async function settle(
  d: AdvanceDeps,
  run: WorkflowRunRow,
  result:
    | EngineResult
    | { status: "failed"; error: { code: string; message: string }; stepCount: number },
) {
  let status: WorkflowRunRow["status"];
  let wakeAt: Date | undefined;
  if (result.status === "waiting") {
    const pending = await d.db
      .select({ id: workflowApprovals.id })
      .from(workflowApprovals)
      .where(and(eq(workflowApprovals.runId, run.id), eq(workflowApprovals.status, "pending")))
      .limit(1);
    status = pending.length ? "waiting_approval" : "running";
    wakeAt = result.wakeAt;
  } else status = result.status;
  // A cancel that came while this worker held the run (its heartbeat had not seen it yet): a run
  // about to wait ends cancelled instead of waiting forever with the request set.
  const [now] = await d.db
    .select({ cancel: workflowRuns.cancelRequested })
    .from(workflowRuns)
    .where(eq(workflowRuns.id, run.id));
  if (now?.cancel && result.status === "waiting") {
    status = "cancelled";
    wakeAt = undefined;
  }
  const done = status === "succeeded" || status === "failed" || status === "cancelled";
  const updated = await d.db
    .update(workflowRuns)
    .set({
      status,
      stepCount: result.stepCount,
      output: result.status === "succeeded" ? storable(result.output) : run.output,
      error:
        result.status === "failed" ? (storable(result.error) as WorkflowRunRow["error"]) : null,
      finishedAt: done ? sql`now()` : null,
      wakeAt: wakeAt ?? null,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(workflowRuns.id, run.id), eq(workflowRuns.leaseOwner, d.owner)))
    .returning({ id: workflowRuns.id });
  if (!updated.length) return;
  // An ended run's open approvals are closed: nobody is asked to decide for it any more.
  if (done)
    await d.db
      .update(workflowApprovals)
      .set({ status: "cancelled" })
      .where(and(eq(workflowApprovals.runId, run.id), eq(workflowApprovals.status, "pending")));
  if (status !== run.status || done)
    await recordEvent(d.db, run.id, "run_status", {
      status,
      error: result.status === "failed" ? result.error : null,
    });
  if (wakeAt) await d.enqueue(run.id, wakeAt);
}

/**
 * Advances one run as far as it goes: takes its lease (renewed while it works; a worker that
 * dies leaves it to expire), runs the engine from the run's checkpoints, and records the result.
 * Called by the queue worker for every job about the run; a run someone else holds is left alone.
 */
export async function advanceRun(d: AdvanceDeps, runId: string): Promise<void> {
  if (d.stopping.aborted) return; // a stopping process takes no run (its listener would never fire)
  const claimed = await claim(d, runId);
  if (!claimed) return;
  // A queued or waiting run becomes running here, with its event, once the lease is ours. (Set
  // inside claim, the status came back from UPDATE … RETURNING already "running", so a queued
  // run's "running" event was never written.) `run` carries the status settle compares with.
  const run = { ...claimed, status: "running" as const };
  if (claimed.status !== "running") {
    await d.db.update(workflowRuns).set({ status: "running" }).where(eq(workflowRuns.id, run.id));
    await recordEvent(d.db, run.id, "run_status", { status: "running" });
  }
  const cancel = new AbortController();
  const stop = () => cancel.abort(new Error("stopping"));
  d.stopping.addEventListener("abort", stop, { once: true });
  let lost = false;
  // Every second (or a third of the lease): renews the lease and notices a cancel request.
  const heartbeat = setInterval(
    () => {
      void d.db
        .update(workflowRuns)
        .set({ leaseUntil: sql`now() + ${`${d.leaseMs} milliseconds`}::interval` })
        .where(and(eq(workflowRuns.id, run.id), eq(workflowRuns.leaseOwner, d.owner)))
        .returning({ cancel: workflowRuns.cancelRequested })
        .then((rows) => {
          if (!rows.length) {
            lost = true;
            cancel.abort(new Error("lease lost"));
          } else if (rows[0]!.cancel) cancel.abort(new Error("cancelled"));
        })
        .catch(() => {});
    },
    Math.max(50, Math.min(1000, Math.floor(d.leaseMs / 3))),
  );
  const deadline = setTimeout(
    () => cancel.abort(new Error("run too long")),
    // Time spent advancing counts, not time queued or waiting for a person or a delay.
    d.maxRunMs,
  );
  try {
    if (run.cancelRequested)
      return await settle(d, run, { status: "cancelled", stepCount: run.stepCount });
    const v = validateGraph(run.graph);
    if (!v.ok)
      return await settle(d, run, {
        status: "failed",
        error: { code: "invalid_graph", message: v.issues[0]!.message },
        stepCount: run.stepCount,
      });
    const actor = await actorOf(d.db, run.actorId);
    if (!actor)
      return await settle(d, run, {
        status: "failed",
        error: {
          code: "forbidden",
          message: "The user this run acts for no longer exists or is disabled.",
        },
        stepCount: run.stepCount,
      });
    const ctx = await d.ctxFor(actor, run.id);
    const prior = (await d.db
      .select()
      .from(workflowSteps)
      .where(eq(workflowSteps.runId, run.id))) as StepState[];
    const result = await runEngine({
      runId: run.id,
      graph: v.graph,
      topology: v.topology,
      input: run.input,
      prior,
      stepCount: run.stepCount,
      effects: d.effects(ctx, run),
      store: new DbStepStore(d.db, run),
      signal: cancel.signal,
      sleep: d.sleep,
    });
    if (lost) return;
    if (result.status === "cancelled") {
      const reason = String((cancel.signal.reason as Error | undefined)?.message ?? "");
      if (reason === "stopping") {
        // Not a cancel: this process is stopping. Give the run back for another worker.
        await d.db
          .update(workflowRuns)
          .set({ leaseOwner: null, leaseUntil: null })
          .where(and(eq(workflowRuns.id, run.id), eq(workflowRuns.leaseOwner, d.owner)));
        // A job for it at once: another instance continues now (the sweep would, later).
        await d.enqueue(run.id).catch(() => {});
        return;
      }
      if (reason === "run too long")
        return await settle(d, run, {
          status: "failed",
          error: {
            code: "limit_exceeded",
            message: `The run took longer than its limit of ${Math.round(d.maxRunMs / 1000)} s.`,
          },
          stepCount: result.stepCount,
        });
    }
    await settle(d, run, result);
  } finally {
    clearInterval(heartbeat);
    clearTimeout(deadline);
    d.stopping.removeEventListener("abort", stop);
  }
}
