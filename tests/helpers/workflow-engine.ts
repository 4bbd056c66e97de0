// Shared by the engine unit tests: a graph runner over the in-memory store and fake effects.
import { expect } from "vitest";
import { MemoryStepStore } from "@/lib/workflows/engine/memory-store";
import { runEngine } from "@/lib/workflows/engine/run";
import type { EngineRun } from "@/lib/workflows/engine/types";
import type { Effects } from "@/lib/workflows/nodes/types";
import { validateGraph } from "@/lib/workflows/validate";

export type G = { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
export const trigger = { id: "trigger", type: "trigger", config: { inputs: [] } };
export const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${sourceHandle ?? "out"}-${target}`,
  source,
  target,
  ...(sourceHandle && { sourceHandle }),
});

export function effects(over: Partial<Effects> = {}, clock = { t: 0 }): Effects {
  return {
    now: () => new Date(1_800_000_000_000 + clock.t),
    ai: async (c) => ({ text: `echo: ${c.prompt}`, model: "fake", tokens: 3, costUsd: 0.001 }),
    http: async (c) => ({ status: 200, headers: {}, body: `${c.method} ${c.url}`, url: c.url }),
    database: async () => ({ ok: true }),
    document: async () => ({ document: { id: "d1" } }),
    ...over,
  };
}

export async function run(graph: G, o: Partial<EngineRun> & { store?: MemoryStepStore } = {}) {
  const v = validateGraph(graph);
  expect(v.issues).toEqual([]);
  const store = o.store ?? new MemoryStepStore();
  const result = await runEngine({
    runId: "run-1",
    graph: v.graph,
    topology: v.topology,
    input: { n: 3 },
    prior: store.all(),
    stepCount: 0,
    effects: effects(),
    store,
    signal: new AbortController().signal,
    sleep: async () => {},
    ...o,
  });
  return { result, store };
}
