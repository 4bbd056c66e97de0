import type { z } from "zod";
import type { PROJECT_ROLES } from "@/db/schema/enums";

export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** A problem with one node's config, for the canvas: `field` is a dotted path inside `config`. */
export interface ConfigIssue {
  field: string;
  message: string;
}

/** What validation knows about a node's surroundings: the variables its expressions may read. */
export interface ValidateScope {
  /** Upstream node ids (their outputs), plus `item`/`index` inside an iterate body. */
  vars: ReadonlySet<string>;
}

/** A call to the AI router on the run's behalf (routing, fallbacks, cache, budgets, ledger). */
export interface AiCall {
  system?: string;
  prompt: string;
  model?: string;
  taskType?: string;
  temperature?: number;
  maxOutputTokens?: number;
}
export interface AiAnswer {
  text: string;
  model: string;
  tokens: number;
  costUsd: number;
}

export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
}
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  url: string;
}

export type DatabaseCall =
  | { operation: "query"; databaseId: string; filters: unknown[]; limit: number }
  | { operation: "insert"; databaseId: string; values: Record<string, unknown> }
  | { operation: "update"; databaseId: string; recordId: string; values: Record<string, unknown> };

export interface DocumentCall {
  mode: "create" | "append";
  title: string;
  text: string;
  documentId?: string;
}

/**
 * The effects a node may use, injected by the worker (real services acting as the run's actor)
 * or by a test (in memory). Node executors never import I/O themselves.
 */
export interface Effects {
  ai(call: AiCall, step: StepRef, signal: AbortSignal): Promise<AiAnswer>;
  http(call: HttpCall, signal: AbortSignal): Promise<HttpAnswer>;
  database(call: DatabaseCall, signal: AbortSignal): Promise<unknown>;
  document(call: DocumentCall, signal: AbortSignal): Promise<unknown>;
  now(): Date;
}

export interface StepRef {
  runId: string;
  stepId: string;
  nodeId: string;
}

export interface ExecContext {
  /** Upstream outputs by node id (and `item`, `index` inside an iterate body). */
  vars: Record<string, unknown>;
  effects: Effects;
  step: StepRef;
  signal: AbortSignal;
  attempt: number;
  /** The run's input (what the trigger received). */
  input: unknown;
}

/** What an executor returns: its output, the handle it takes, what it used, or a wait. */
export interface NodeOutcome {
  output: unknown;
  /** The output handle taken; defaults to the node's only handle. */
  branch?: string;
  tokens?: number;
  costUsd?: number;
  /** The run waits for a person or for time; no worker is held meanwhile. */
  wait?:
    | { kind: "approval"; role: ProjectRole; prompt: string; expiresAt?: Date }
    | { kind: "delay"; until: Date };
}

export interface Handle {
  id: string;
  label: string;
  /** `each`: the iterate body (runs once per item); everything else is ordinary flow. */
  kind?: "flow" | "each";
}

export interface NodeDefinition<C = unknown> {
  type: string;
  title: string;
  description: string;
  config: z.ZodType<C>;
  /** Input handles (a trigger has none). */
  inputs: readonly Handle[];
  outputs(config: C): Handle[];
  /** May run again after a crash mid-step without a visible effect twice. */
  idempotent: boolean | ((config: C) => boolean);
  /** Pure: compiles templates and expressions and checks the variables they read. */
  validate(config: C, scope: ValidateScope): ConfigIssue[];
  execute(config: C, x: ExecContext): Promise<NodeOutcome>;
}
