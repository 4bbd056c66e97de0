import type { WorkflowNode } from "../graph";
import { definitionOf } from "../nodes";
import { StepError } from "../nodes/errors";
import type { NodeOutcome } from "../nodes/types";
import { isRetryable, toStepFailure, withDeadline, type StepFailure } from "./step-errors";
import type { EngineLimits, EngineRun, StepState } from "./types";

export type Settled = { output: unknown; branch: string | null };
export type NodeResult =
  | { kind: "settled"; settled: Settled }
  | { kind: "waiting"; wakeAt?: Date }
  | { kind: "failed"; error: StepFailure }
  | { kind: "cancelled" };

export const key = (itemPath: string, nodeId: string) => `${itemPath}\u0000${nodeId}`;
export const sizeOf = (v: unknown) =>
  v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v) ?? "");

/**
 * One node's step: resumed from its checkpoint, or executed with its timeout and retries, its
 * failure handled by its on-error policy. The scopes and loops around steps are in run.ts.
 */
export abstract class StepRunner {
  protected readonly nodes: Map<string, WorkflowNode>;
  protected readonly prior: Map<string, StepState>;
  protected steps: number;

  constructor(
    protected readonly r: EngineRun,
    protected readonly limits: EngineLimits,
  ) {
    this.nodes = new Map(r.graph.nodes.map((n) => [n.id, n]));
    this.prior = new Map(r.prior.map((s) => [key(s.itemPath, s.nodeId), s]));
    this.steps = r.stepCount;
  }

  protected defaultHandle(node: WorkflowNode): string {
    return definitionOf(node.type)!.outputs(node.config as never)[0]?.id ?? "out";
  }

  /** A node's step: its checkpoint if it has one (resumed), else executed. */
  protected async node(
    node: WorkflowNode,
    vars: Record<string, unknown>,
    itemPath: string,
    signal: AbortSignal,
  ): Promise<
    | { kind: "settled"; settled: Settled }
    | { kind: "waiting"; wakeAt?: Date }
    | { kind: "failed"; error: StepFailure }
    | { kind: "cancelled" }
  > {
    const prior = this.prior.get(key(itemPath, node.id));
    let attempt = 1;
    if (prior) {
      if (prior.status === "succeeded")
        return {
          kind: "settled",
          settled: { output: prior.output, branch: prior.branch ?? this.defaultHandle(node) },
        };
      if (prior.status === "skipped")
        return { kind: "settled", settled: { output: null, branch: null } };
      if ((prior.status === "failed" || prior.status === "interrupted") && prior.branch)
        return { kind: "settled", settled: { output: prior.output, branch: prior.branch } };
      // Interrupted (an effect that may have happened) is final: never executed again on resume.
      if (prior.status === "interrupted")
        return {
          kind: "failed",
          error: prior.error ?? { code: "interrupted", message: "The step was interrupted." },
        };
      if (prior.status === "waiting") {
        const done = await this.r.store.resolve(prior, this.r.effects.now());
        if (!done) return { kind: "waiting", wakeAt: wakeOf(prior) };
        await this.r.store.finish(prior.id, {
          status: "succeeded",
          output: done.output,
          branch: done.branch,
        });
        return { kind: "settled", settled: done };
      }
      attempt = prior.attempt + (node.type === "iterate" ? 0 : 1);
      if ((prior.status === "running" || prior.status === "cancelled") && node.type !== "iterate") {
        const def = definitionOf(node.type)!;
        const idempotent =
          typeof def.idempotent === "function"
            ? def.idempotent(node.config as never)
            : def.idempotent;
        if (!idempotent) {
          const error = {
            code: "interrupted",
            message:
              "The worker stopped while this step ran. It may have had its effect, so it is not repeated.",
          };
          return this.failed(node, prior.id, error, "interrupted");
        }
      }
    }
    return this.execute(node, vars, itemPath, attempt, signal);
  }

  protected async execute(
    node: WorkflowNode,
    vars: Record<string, unknown>,
    itemPath: string,
    firstAttempt: number,
    signal: AbortSignal,
  ) {
    const def = definitionOf(node.type)!;
    const retries = node.retry?.attempts ?? 0;
    const backoff = node.retry?.backoffMs ?? 1000;
    for (let attempt = firstAttempt; ; attempt++) {
      if (++this.steps > this.limits.maxSteps)
        return {
          kind: "failed" as const,
          error: {
            code: "limit_exceeded",
            message: `The run started more than ${this.limits.maxSteps} steps (loops and retries included).`,
          },
        };
      const stepId = await this.r.store.start({
        nodeId: node.id,
        itemPath,
        nodeType: node.type,
        attempt,
        input: this.inputOf(node, vars),
      });
      const startedAt = this.r.effects.now().getTime();
      const timeoutMs = node.timeoutMs ?? this.limits.defaultTimeoutMs;
      let outcome: NodeOutcome | "waiting";
      try {
        outcome =
          node.type === "iterate"
            ? await this.iterate(node, vars, itemPath, signal)
            : await withDeadline(timeoutMs, signal, (s) =>
                def.execute(node.config as never, {
                  vars,
                  effects: this.r.effects,
                  step: { runId: this.r.runId, stepId, nodeId: node.id },
                  signal: s,
                  attempt,
                  input: this.r.input,
                }),
              );
        if (outcome !== "waiting" && sizeOf(outcome.output) > this.limits.maxPayloadBytes)
          throw new StepError(
            "payload_too_large",
            `The step's output is larger than ${this.limits.maxPayloadBytes} bytes.`,
          );
      } catch (err) {
        const durationMs = this.r.effects.now().getTime() - startedAt;
        if (
          signal.aborted &&
          !(signal.reason instanceof Error && signal.reason.name === "StepTimeout")
        ) {
          await this.r.store.finish(stepId, {
            status: "cancelled",
            error: { code: "cancelled", message: "The run was cancelled or another step failed." },
            durationMs,
          });
          return { kind: "cancelled" as const };
        }
        const error = toStepFailure(err);
        if (attempt - firstAttempt < retries && isRetryable(error)) {
          await this.r.store.finish(stepId, { status: "failed", error, durationMs });
          await this.r.sleep(backoff * 2 ** (attempt - firstAttempt), signal);
          if (signal.aborted) return { kind: "cancelled" as const };
          continue;
        }
        return this.failed(node, stepId, error, "failed", durationMs);
      }
      // The checkpoint, outside the try: a write that fails is the database's fault, not the
      // node's. It propagates (the job is retried, and the step, still "running", resumes by its
      // idempotency) instead of counting as a failure that could send an effect again.
      if (outcome === "waiting") return { kind: "waiting" as const };
      if (outcome.wait) {
        await this.r.store.wait(stepId, outcome.wait, outcome.output);
        return {
          kind: "waiting" as const,
          wakeAt: outcome.wait.kind === "delay" ? outcome.wait.until : outcome.wait.expiresAt,
        };
      }
      const branch = outcome.branch ?? this.defaultHandle(node);
      await this.r.store.finish(stepId, {
        status: "succeeded",
        output: outcome.output,
        branch,
        tokens: outcome.tokens,
        costUsd: outcome.costUsd,
        durationMs: this.r.effects.now().getTime() - startedAt,
      });
      return { kind: "settled" as const, settled: { output: outcome.output, branch } };
    }
  }

  /** A failure, by the node's on-error policy: fail the run, continue with a default, or branch. */
  protected async failed(
    node: WorkflowNode,
    stepId: string,
    error: StepFailure,
    status: "failed" | "interrupted",
    durationMs?: number,
  ) {
    const policy = error.code === "limit_exceeded" ? "fail" : (node.onError?.policy ?? "fail");
    if (policy === "fail") {
      await this.r.store.finish(stepId, { status, error, durationMs });
      return { kind: "failed" as const, error };
    }
    const settled =
      policy === "continue"
        ? { output: node.onError?.default ?? null, branch: this.defaultHandle(node) }
        : { output: { error }, branch: "error" };
    await this.r.store.finish(stepId, { status, error, durationMs, ...settled });
    return { kind: "settled" as const, settled };
  }

  /** What the step history keeps as a step's input: its direct predecessors' outputs. */
  protected inputOf(node: WorkflowNode, vars: Record<string, unknown>): unknown {
    const input: Record<string, unknown> = {};
    for (const e of this.r.topology.incoming.get(node.id) ?? [])
      if (e.source in vars) input[e.source] = vars[e.source];
    if ("item" in vars) {
      input.item = vars.item;
      input.index = vars.index;
    }
    return sizeOf(input) > this.limits.maxPayloadBytes
      ? { truncated: true, bytes: sizeOf(input) }
      : input;
  }

  protected abstract iterate(
    node: WorkflowNode,
    vars: Record<string, unknown>,
    itemPath: string,
    signal: AbortSignal,
  ): Promise<NodeOutcome | "waiting">;
}

function wakeOf(step: StepState): Date | undefined {
  const o = step.output as { until?: string; expiresAt?: string } | null | undefined;
  const at = o?.until ?? o?.expiresAt;
  return at ? new Date(at) : undefined;
}
