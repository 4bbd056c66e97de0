// bench:workflows, part 2: concurrent runs of the 10-node flow through the real queue (pg-boss
// on the app's database, the worker of lib/workflows/runtime with WORKFLOW_CONCURRENCY workers).
// Times come from the runs' own rows: created (startRun's transaction) → started (a worker took
// its lease) → finished (settled).
import { inArray } from "drizzle-orm";
import { workflowRuns } from "../../db/schema";
import { percentile } from "../stats";
import { FLOW_STEPS } from "./graphs";
import { ownerCtx, servicesOn, start, type Owner } from "./setup";
import type { Target } from "./targets";

type P = { p50: number; p95: number };
const p = (xs: number[]): P => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });

export interface QueueBench {
  concurrency: number;
  runs: number;
  /** First run created → last run finished. */
  wallMs: number;
  /** As the bench saw it: before the first startRun → all seen finished (20 ms polls). */
  measuredMs: number;
  runsPerSecond: number;
  /** created → finished. */
  latencyMs: P;
  /** created → a worker took it (queue polling and waiting for a free worker). */
  pickupMs: P;
  /** taken → finished (the engine with its checkpoints, and settling the run). */
  executeMs: P;
  /** executeMs / steps: what a step costs once the run is on a worker. */
  stepMs: P;
  /** One run at a time on idle workers: created → finished, and created → taken. */
  alone: { latencyMs: P; pickupMs: P };
}

async function waitAll(target: Target, ids: string[], timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await target.handle.db
      .select()
      .from(workflowRuns)
      .where(inArray(workflowRuns.id, ids));
    if (rows.every((r) => r.finishedAt)) return rows;
    if (Date.now() > until) {
      const open = rows.filter((r) => !r.finishedAt).length;
      throw new Error(`${open} of ${ids.length} runs unfinished after ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * On a fresh runtime of `concurrency` workers: `alone` runs one after the other (what a run
 * start costs on idle workers), then `runs` runs started at once (each through startRun).
 */
export async function benchQueue(
  target: Target,
  owner: Owner,
  opts: { concurrency: number; runs: number; warmup: number; alone: number },
): Promise<QueueBench> {
  const services = servicesOn(target, opts.concurrency);
  try {
    const ctx = await ownerCtx(services, owner);
    await services.workflows.startWorker({ embedded: false });
    const burst = async (n: number) => {
      const ids = await Promise.all(Array.from({ length: n }, (_, i) => start(ctx, owner, i)));
      return waitAll(target, ids, 120_000);
    };
    await burst(opts.warmup);
    const alone: { latency: number; pickup: number }[] = [];
    for (let i = 0; i < opts.alone; i++) {
      const [r] = await burst(1);
      alone.push({
        latency: r!.finishedAt!.getTime() - r!.createdAt.getTime(),
        pickup: r!.startedAt!.getTime() - r!.createdAt.getTime(),
      });
      // Idle workers sleep between polls: start the next run at a random point of their cycle.
      await new Promise((r) => setTimeout(r, Math.random() * 500));
    }
    const t0 = performance.now();
    const rows = await burst(opts.runs);
    const measuredMs = performance.now() - t0;
    const bad = rows.find((r) => r.status !== "succeeded" || r.stepCount !== FLOW_STEPS);
    if (bad) throw new Error(`run ${bad.id}: ${bad.status}, ${bad.stepCount} steps`);
    const t = (d: Date | null) => d!.getTime();
    const first = Math.min(...rows.map((r) => t(r.createdAt)));
    const last = Math.max(...rows.map((r) => t(r.finishedAt)));
    const execute = rows.map((r) => t(r.finishedAt) - t(r.startedAt));
    return {
      concurrency: opts.concurrency,
      runs: rows.length,
      wallMs: last - first,
      measuredMs,
      runsPerSecond: rows.length / ((last - first) / 1000),
      latencyMs: p(rows.map((r) => t(r.finishedAt) - t(r.createdAt))),
      pickupMs: p(rows.map((r) => t(r.startedAt) - t(r.createdAt))),
      executeMs: p(execute),
      stepMs: p(execute.map((ms) => ms / FLOW_STEPS)),
      alone: {
        latencyMs: p(alone.map((a) => a.latency)),
        pickupMs: p(alone.map((a) => a.pickup)),
      },
    };
  } finally {
    await services.close();
  }
}
