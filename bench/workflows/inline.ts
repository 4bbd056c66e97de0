// bench:workflows, the run without the queue: the worker's own path (advanceRun: claim, engine
// with the database checkpoints, settle) run by run, and the checkpoint writes timed one by one.
import { eq } from "drizzle-orm";
import { workflowRuns } from "../../db/schema";
import type { Services } from "../../lib/services";
import { runEngine } from "../../lib/workflows/engine/run";
import type { StepStore } from "../../lib/workflows/engine/types";
import { DbStepStore } from "../../lib/workflows/runtime/db-store";
import { validateGraph } from "../../lib/workflows/validate";
import { percentile } from "../stats";
import { NO_EFFECTS } from "./engine";
import { FLOW, FLOW_STEPS } from "./graphs";
import { HOLD, ownerCtx, start, type Owner } from "./setup";

export interface InlineBench {
  /** advanceRun of one run, nothing else running: ms per run. */
  advanceMs: { p50: number; p95: number };
  /** The engine with the database store: ms per run, and the store's share. */
  engineDbMs: { p50: number; p95: number };
  /** One step's checkpoints (start + finish, each with its event row), ms. */
  checkpointMs: { p50: number; p95: number };
  /** A skipped node's row, ms. */
  skipMs: number;
  runs: number;
}

/** A store that times each call of the one it wraps (per kind of call). */
function timed(inner: StepStore, into: Map<string, number[]>): StepStore {
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t = performance.now();
      try {
        return await fn(...a);
      } finally {
        const xs = into.get(name) ?? [];
        xs.push(performance.now() - t);
        into.set(name, xs);
      }
    };
  return {
    start: wrap("start", (s) => inner.start(s)),
    finish: wrap("finish", (id, e) => inner.finish(id, e)),
    wait: wrap("wait", (id, w, o) => inner.wait(id, w, o)),
    resolve: wrap("resolve", (s, now) => inner.resolve(s, now)),
    skip: wrap("skip", (s) => inner.skip(s)),
  };
}

export async function benchInline(
  services: Services,
  owner: Owner,
  opts: { runs: number; warmup: number },
): Promise<InlineBench> {
  const ctx = { ...(await ownerCtx(services, owner)), workflows: HOLD };
  const db = ctx.db;
  const advance: number[] = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const id = await start(ctx, owner, i);
    const t = performance.now();
    await services.workflows.advance(id);
    if (i >= opts.warmup) advance.push(performance.now() - t);
    const [r] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, id));
    if (r?.status !== "succeeded") throw new Error(`inline run ${id}: ${r?.status}`);
  }

  const v = validateGraph(FLOW);
  const calls = new Map<string, number[]>();
  const engine: number[] = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const id = await start(ctx, owner, i);
    const [run] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, id));
    const into = i >= opts.warmup ? calls : new Map<string, number[]>();
    const t = performance.now();
    const result = await runEngine({
      runId: id,
      graph: v.graph,
      topology: v.topology,
      input: run!.input,
      prior: [],
      stepCount: 0,
      effects: NO_EFFECTS,
      store: timed(new DbStepStore(db, run!), into),
      signal: new AbortController().signal,
      sleep: async () => {},
    });
    if (i >= opts.warmup) engine.push(performance.now() - t);
    if (result.status !== "succeeded" || result.stepCount !== FLOW_STEPS)
      throw new Error(`engine run ${id}: ${result.status}, ${result.stepCount} steps`);
    await db
      .update(workflowRuns)
      .set({ status: "succeeded", stepCount: result.stepCount, finishedAt: new Date() })
      .where(eq(workflowRuns.id, id));
  }
  const starts = calls.get("start") ?? [];
  const finishes = calls.get("finish") ?? [];
  const perStep = starts.map((s, i) => s + (finishes[i] ?? 0));
  return {
    advanceMs: { p50: percentile(advance, 50), p95: percentile(advance, 95) },
    engineDbMs: { p50: percentile(engine, 50), p95: percentile(engine, 95) },
    checkpointMs: { p50: percentile(perStep, 50), p95: percentile(perStep, 95) },
    skipMs: percentile(calls.get("skip") ?? [0], 50),
    runs: opts.runs,
  };
}
