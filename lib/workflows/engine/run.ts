import { setMaxListeners } from "node:events";
import type { WorkflowNode } from "../graph";
import { StepError } from "../nodes/errors";
import { iterateItems, type IterateConfig } from "../nodes/iterate";
import type { NodeOutcome } from "../nodes/types";
import type { StepFailure } from "./step-errors";
import { key, StepRunner, type Settled } from "./steps";
import { DEFAULT_ENGINE_LIMITS, type EngineResult, type EngineRun } from "./types";

/**
 * The workflow engine's core: given a graph, its checkpoints and injected effects, it runs every
 * ready node (in parallel), checkpoints each step before scheduling its successors, and returns
 * when the run is done, failed, cancelled or waiting for a person or for time. No I/O of its own:
 * the worker hands in the database store and real effects, unit tests hand in memory.
 */
export async function runEngine(run: EngineRun): Promise<EngineResult> {
  const engine = new Engine(run, { ...DEFAULT_ENGINE_LIMITS, ...run.limits });
  return engine.run();
}

const earliest = (a: Date | undefined, b: Date | undefined) =>
  !a ? b : !b ? a : a.getTime() <= b.getTime() ? a : b;

type ScopeResult =
  | { status: "succeeded"; settled: Map<string, Settled> }
  | { status: "failed"; error: StepFailure & { nodeId: string } }
  | { status: "waiting"; wakeAt?: Date }
  | { status: "cancelled" };

class Engine extends StepRunner {
  async run(): Promise<EngineResult> {
    const top = this.r.graph.nodes
      .filter((n) => !this.r.topology.bodyOf.has(n.id))
      .map((n) => n.id);
    const res = await this.scope(top, {}, "", this.r.signal);
    const stepCount = this.steps;
    if (res.status === "succeeded")
      return { status: "succeeded", output: this.output(res.settled), stepCount };
    if (res.status === "failed") return { status: "failed", error: res.error, stepCount };
    if (res.status === "waiting") return { status: "waiting", wakeAt: res.wakeAt, stepCount };
    return { status: "cancelled", stepCount };
  }

  protected output(settled: Map<string, Settled>): unknown {
    const outs = this.r.graph.nodes.filter(
      (n) => n.type === "output" && settled.get(n.id)?.branch !== null,
    );
    if (outs.length === 1) return settled.get(outs[0]!.id)?.output ?? null;
    if (outs.length === 0) return null;
    return Object.fromEntries(outs.map((n) => [n.id, settled.get(n.id)?.output ?? null]));
  }

  protected async scope(
    ids: string[],
    outer: Record<string, unknown>,
    itemPath: string,
    parent: AbortSignal,
  ): Promise<ScopeResult> {
    const members = new Set(ids);
    const settled = new Map<string, Settled>();
    const waiting = new Set<string>();
    const inflight = new Map<string, Promise<void>>();
    const ctl = new AbortController();
    // Every step running in this scope listens on its signal until it ends (a For each once per
    // item it runs at once, at most 10): more than Node's default of 10 is no leak.
    setMaxListeners(this.limits.parallelism * 10, ctl.signal);
    const onAbort = () => ctl.abort(parent.reason);
    if (parent.aborted) ctl.abort(parent.reason);
    else parent.addEventListener("abort", onAbort, { once: true });
    let failure: (StepFailure & { nodeId: string }) | undefined;
    let fatal: { err: unknown } | undefined;
    let wakeAt: Date | undefined;
    const topology = this.r.topology;

    const readiness = (id: string): "wait" | "run" | "skip" => {
      const all = topology.incoming.get(id) ?? [];
      if (all.length === 0) return this.nodes.get(id)!.type === "trigger" ? "run" : "skip";
      let active = false;
      for (const e of all) {
        if (!members.has(e.source)) {
          active = true; // the way into a For each body
          continue;
        }
        const s = settled.get(e.source);
        if (!s) return "wait";
        if (s.branch !== null && s.branch === e.sourceHandle) active = true;
      }
      return active ? "run" : "skip";
    };
    const varsFor = (id: string) => {
      const vars: Record<string, unknown> = { ...outer };
      for (const a of topology.ancestors.get(id) ?? []) {
        const s = settled.get(a);
        if (s && s.branch !== null) vars[a] = s.output;
      }
      return vars;
    };
    const step = async (node: WorkflowNode) => {
      const out = await this.node(node, varsFor(node.id), itemPath, ctl.signal);
      if (out.kind === "settled") settled.set(node.id, out.settled);
      else if (out.kind === "waiting") {
        waiting.add(node.id);
        wakeAt = earliest(wakeAt, out.wakeAt);
      } else if (out.kind === "failed" && !failure) {
        failure = { ...out.error, nodeId: node.id };
        ctl.abort(new StepError("cancelled", "Another step of the run failed."));
      }
    };

    try {
      for (;;) {
        if (!ctl.signal.aborted) {
          for (const id of ids) {
            if (inflight.size >= this.limits.parallelism) break;
            if (settled.has(id) || waiting.has(id) || inflight.has(id)) continue;
            const ready = readiness(id);
            if (ready === "wait") continue;
            const node = this.nodes.get(id)!;
            if (ready === "skip") {
              await this.skip(node, itemPath);
              settled.set(id, { output: null, branch: null });
              continue;
            }
            const p = step(node)
              .catch((err: unknown) => {
                // Not a node's failure (those are results): a checkpoint that could not be
                // written. The run stops here and the error goes to the worker (job retried).
                fatal ??= { err };
                ctl.abort(err);
              })
              .finally(() => inflight.delete(id));
            inflight.set(id, p);
          }
        }
        if (inflight.size === 0) {
          // Nothing running; with nothing new ready either, this scope is as far as it goes.
          if (
            ctl.signal.aborted ||
            ids.every((id) => settled.has(id) || waiting.has(id) || readiness(id) === "wait")
          )
            break;
          continue;
        }
        await Promise.race(inflight.values());
      }
    } finally {
      parent.removeEventListener("abort", onAbort);
    }
    if (fatal) throw fatal.err;
    if (failure) return { status: "failed", error: failure };
    if (parent.aborted) return { status: "cancelled" };
    if (waiting.size) return { status: "waiting", wakeAt };
    return { status: "succeeded", settled };
  }

  protected async skip(node: WorkflowNode, itemPath: string) {
    if (this.prior.get(key(itemPath, node.id))?.status === "skipped") return;
    await this.r.store.skip({ nodeId: node.id, itemPath, nodeType: node.type });
  }

  protected async iterate(
    node: WorkflowNode,
    vars: Record<string, unknown>,
    itemPath: string,
    signal: AbortSignal,
  ): Promise<NodeOutcome | "waiting"> {
    const config = node.config as IterateConfig;
    const items = iterateItems(config, vars);
    const body = this.r.graph.nodes
      .filter((n) => this.r.topology.bodyOf.get(n.id) === node.id)
      .map((n) => n.id);
    const sinks = body.filter((id) => !(this.r.topology.outgoing.get(id) ?? []).length);
    const results: unknown[] = new Array(items.length);
    let waiting = false;
    let next = 0;
    const worker = async () => {
      while (next < items.length && !signal.aborted) {
        const i = next++;
        const scope = await this.scope(
          body,
          { ...vars, [node.id]: items, item: items[i], index: i },
          `${itemPath}${node.id}[${i}]/`,
          signal,
        );
        if (scope.status === "failed")
          throw new StepError(
            scope.error.code,
            `Item ${i}: ${scope.error.message} (in "${scope.error.nodeId}")`,
          );
        if (scope.status === "waiting") waiting = true;
        if (scope.status === "succeeded") {
          const outs = sinks.map(
            (id) =>
              [
                id,
                scope.settled.get(id)?.branch === null
                  ? null
                  : (scope.settled.get(id)?.output ?? null),
              ] as const,
          );
          results[i] = outs.length === 1 ? outs[0]![1] : Object.fromEntries(outs);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.concurrency, items.length) }, worker));
    if (signal.aborted)
      throw signal.reason instanceof Error
        ? signal.reason
        : new StepError("cancelled", "Cancelled.");
    if (waiting) return "waiting";
    return { output: results, branch: "done" };
  }
}
