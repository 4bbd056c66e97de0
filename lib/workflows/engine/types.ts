import type { StepStatus } from "@/db/schema/enums";
import type { WorkflowGraph } from "../graph";
import type { Effects, NodeOutcome } from "../nodes/types";
import type { Topology } from "../topology";

/** A step as the engine sees it: a checkpoint from the store, or one it just wrote. */
export interface StepState {
  id: string;
  nodeId: string;
  itemPath: string;
  status: StepStatus;
  attempt: number;
  output?: unknown;
  branch?: string | null;
  error?: { code: string; message: string } | null;
}

export interface StepStart {
  nodeId: string;
  itemPath: string;
  nodeType: string;
  attempt: number;
  input: unknown;
}

export interface StepEnd {
  status: "succeeded" | "failed" | "skipped" | "interrupted" | "cancelled";
  output?: unknown;
  branch?: string;
  error?: { code: string; message: string };
  tokens?: number;
  costUsd?: number;
  durationMs?: number;
}

/**
 * Where checkpoints go (the database for the worker, a map in unit tests). Each call completes
 * before the engine schedules what depends on it: a step's end is durable before its successors
 * start.
 */
export interface StepStore {
  /** Records a step (or its next attempt) as running; returns its id. */
  start(step: StepStart): Promise<string>;
  finish(stepId: string, end: StepEnd): Promise<void>;
  /** Records that a step waits (an approval is opened, a delay set). */
  wait(stepId: string, wait: NonNullable<NodeOutcome["wait"]>, output: unknown): Promise<void>;
  /** A waiting step: its outcome once decided, expired or due; null while it still waits. */
  resolve(step: StepState, now: Date): Promise<{ output: unknown; branch: string } | null>;
  /** A skipped step (no active edge leads to it). */
  skip(step: { nodeId: string; itemPath: string; nodeType: string }): Promise<void>;
}

export interface EngineLimits {
  /** Steps a run may start, loops and retries included. */
  maxSteps: number;
  /** Largest JSON of one step's output. */
  maxPayloadBytes: number;
  defaultTimeoutMs: number;
  /** Ready nodes started at once in one scope. */
  parallelism: number;
}

export const DEFAULT_ENGINE_LIMITS: EngineLimits = {
  maxSteps: 10_000,
  maxPayloadBytes: 1_000_000,
  defaultTimeoutMs: 60_000,
  parallelism: 16,
};

export interface EngineRun {
  runId: string;
  graph: WorkflowGraph;
  topology: Topology;
  input: unknown;
  /** The checkpoints so far (a resumed or re-run run). */
  prior: StepState[];
  /** Steps started so far (counts against maxSteps). */
  stepCount: number;
  effects: Effects;
  store: StepStore;
  /** Aborted to cancel: no new steps start and running ones are aborted. */
  signal: AbortSignal;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  limits?: Partial<EngineLimits>;
}

export type EngineResult =
  | { status: "succeeded"; output: unknown; stepCount: number }
  | {
      status: "failed";
      error: { code: string; message: string; nodeId?: string };
      stepCount: number;
    }
  | { status: "waiting"; wakeAt?: Date; stepCount: number }
  | { status: "cancelled"; stepCount: number };
