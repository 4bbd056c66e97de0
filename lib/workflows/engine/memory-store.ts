import type { NodeOutcome } from "../nodes/types";
import type { StepEnd, StepStart, StepState, StepStore } from "./types";

export interface MemoryStep extends StepState {
  nodeType: string;
  input?: unknown;
  tokens: number;
  costUsd: number;
  wait?: NonNullable<NodeOutcome["wait"]>;
  /** Every status the step went through, in order (for tests). */
  history: string[];
}

/**
 * Checkpoints in memory: the engine's unit tests and its benchmark. `decide` settles a waiting
 * approval the way the decision service does in the database.
 */
export class MemoryStepStore implements StepStore {
  readonly steps = new Map<string, MemoryStep>();
  private seq = 0;

  private keyOf(nodeId: string, itemPath: string) {
    return `${itemPath}\u0000${nodeId}`;
  }

  byNode(nodeId: string, itemPath = ""): MemoryStep | undefined {
    return this.steps.get(this.keyOf(nodeId, itemPath));
  }

  all(): StepState[] {
    return [...this.steps.values()].map((s) => ({ ...s }));
  }

  async start(s: StepStart): Promise<string> {
    const k = this.keyOf(s.nodeId, s.itemPath);
    const existing = this.steps.get(k);
    const step: MemoryStep = existing ?? {
      id: `step-${++this.seq}`,
      nodeId: s.nodeId,
      itemPath: s.itemPath,
      nodeType: s.nodeType,
      status: "running",
      attempt: s.attempt,
      tokens: 0,
      costUsd: 0,
      history: [],
    };
    Object.assign(step, { status: "running", attempt: s.attempt, input: s.input, error: null });
    step.history.push("running");
    this.steps.set(k, step);
    return step.id;
  }

  private find(id: string): MemoryStep {
    for (const s of this.steps.values()) if (s.id === id) return s;
    throw new Error(`no step ${id}`);
  }

  async finish(id: string, end: StepEnd): Promise<void> {
    const s = this.find(id);
    Object.assign(s, {
      status: end.status,
      output: end.output,
      branch: end.branch ?? null,
      error: end.error ?? null,
      tokens: s.tokens + (end.tokens ?? 0),
      costUsd: s.costUsd + (end.costUsd ?? 0),
    });
    s.history.push(end.status);
  }

  async wait(id: string, wait: NonNullable<NodeOutcome["wait"]>, output: unknown): Promise<void> {
    const s = this.find(id);
    const at = wait.kind === "delay" ? wait.until : wait.expiresAt;
    Object.assign(s, {
      status: "waiting",
      wait,
      output: wait.kind === "delay" ? output : { expiresAt: at?.toISOString() },
    });
    s.history.push("waiting");
  }

  /** A person's decision on a waiting approval (the next engine pass picks it up). */
  decide(nodeId: string, approved: boolean, itemPath = ""): void {
    const s = this.byNode(nodeId, itemPath);
    if (s?.status !== "waiting" || s.wait?.kind !== "approval")
      throw new Error(`${nodeId} is not waiting`);
    (s as MemoryStep & { decision?: string }).decision = approved ? "approved" : "rejected";
  }

  async resolve(step: StepState, now: Date): Promise<{ output: unknown; branch: string } | null> {
    const s = this.find(step.id) as MemoryStep & { decision?: string };
    if (s.wait?.kind === "delay")
      return now >= s.wait.until ? { output: s.output, branch: "out" } : null;
    if (s.decision) return { output: { decision: s.decision }, branch: s.decision };
    if (s.wait?.kind === "approval" && s.wait.expiresAt && now >= s.wait.expiresAt)
      return { output: { decision: "timeout" }, branch: "timeout" };
    return null;
  }

  async skip(s: { nodeId: string; itemPath: string; nodeType: string }): Promise<void> {
    const id = await this.start({ ...s, attempt: 1, input: null });
    await this.finish(id, { status: "skipped" });
  }
}
