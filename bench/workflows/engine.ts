// bench:workflows, part 1: the pure engine (lib/workflows/engine/run.ts) over the in-memory
// store on the 1,000-node DAG — no database, no queue: what the core itself costs per step.
import { MemoryStepStore } from "../../lib/workflows/engine/memory-store";
import { runEngine } from "../../lib/workflows/engine/run";
import type { Effects } from "../../lib/workflows/nodes/types";
import { validateGraph, type GraphValidation } from "../../lib/workflows/validate";
import { percentile } from "../stats";
import { layeredDag } from "./graphs";

/** Effects no node of the bench calls (transform nodes only evaluate expressions). */
export const NO_EFFECTS: Effects = {
  now: () => new Date(),
  ai: async () => {
    throw new Error("no AI in the bench");
  },
  http: async () => {
    throw new Error("no HTTP in the bench");
  },
  database: async () => ({}),
  document: async () => ({}),
};

export interface EngineBench {
  nodes: number;
  edges: number;
  validateMs: { p50: number; p95: number };
  runMs: { p50: number; p95: number };
  stepUs: { p50: number; p95: number };
  iterations: number;
}

export async function runOnce(v: GraphValidation, input: unknown = {}) {
  const store = new MemoryStepStore();
  const result = await runEngine({
    runId: "bench",
    graph: v.graph,
    topology: v.topology,
    input,
    prior: [],
    stepCount: 0,
    effects: NO_EFFECTS,
    store,
    signal: new AbortController().signal,
    sleep: async () => {},
  });
  if (result.status !== "succeeded") throw new Error(`engine run ${result.status}`);
  return result;
}

export async function benchEngine(opts: {
  iterations: number;
  warmup: number;
}): Promise<EngineBench> {
  const raw = layeredDag();
  const validations: number[] = [];
  let v: GraphValidation | undefined;
  for (let i = 0; i < opts.warmup + opts.iterations; i++) {
    const t = performance.now();
    v = validateGraph(raw);
    if (i >= opts.warmup) validations.push(performance.now() - t);
  }
  if (!v?.ok) throw new Error(`the DAG does not validate: ${v?.issues[0]?.message}`);
  const graph = v;
  for (let i = 0; i < opts.warmup; i++) await runOnce(graph);
  const runs: number[] = [];
  let steps = 0;
  for (let i = 0; i < opts.iterations; i++) {
    const t = performance.now();
    const r = await runOnce(graph);
    runs.push(performance.now() - t);
    steps = r.stepCount;
  }
  if (steps !== raw.nodes.length) throw new Error(`ran ${steps} of ${raw.nodes.length} nodes`);
  const perStep = runs.map((ms) => (ms * 1000) / steps);
  return {
    nodes: raw.nodes.length,
    edges: raw.edges.length,
    validateMs: { p50: percentile(validations, 50), p95: percentile(validations, 95) },
    runMs: { p50: percentile(runs, 50), p95: percentile(runs, 95) },
    stepUs: { p50: percentile(perStep, 50), p95: percentile(perStep, 95) },
    iterations: opts.iterations,
  };
}
