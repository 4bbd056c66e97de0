import type { CacheMode } from "../cache/policy";
import type { ProviderId } from "./catalogue";
import type { ErrorClass } from "./errors";
import type { ChatMessage, TaskType } from "./task-types";

import type { RequestSource } from "@/db/schema/enums";

export { REQUEST_SOURCES, type RequestSource } from "@/db/schema/enums";

export interface CompletionInput {
  messages: ChatMessage[];
  /** A model id, or undefined/"auto" to route by task. */
  model?: string;
  taskType?: TaskType;
  temperature?: number;
  maxOutputTokens?: number;
  /** More sampling controls (OpenAI names in /v1 map onto these). Part of the cache key. */
  sampling?: Sampling;
  projectId?: string;
  cache?: CacheMode;
  /**
   * An explicit model (not "auto") is never silently replaced: only when this is true may
   * another model answer when it fails, and the decision then names it in `fallbackFrom`.
   */
  allowFallback?: boolean;
  /** Aborted when the client goes away: the provider call is cancelled too. */
  signal?: AbortSignal;
  /** Set by the entry (never by the caller's input): the chat UI, the API, a workflow, MCP. */
  source: RequestSource;
  /** A workflow step's call: its run and step, for the step's cost. */
  workflow?: { runId: string; stepId: string };
}

export interface Sampling {
  topP?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

/**
 * How the cache took part: `hit`/`miss`; `coalesced` (shared an identical in-flight call);
 * `refresh` (asked to skip the read); `bypass` (asked to skip the cache); `off` (not cacheable:
 * task type or temperature); `degraded` (cache file unusable, served uncached).
 */
export type CacheStatus = "hit" | "miss" | "coalesced" | "refresh" | "bypass" | "off" | "degraded";

export interface RouteDecision {
  taskType: TaskType;
  confidence: number;
  reason: string;
  model: string;
  provider: ProviderId;
  fallbacksTried: { model: string; errorClass: ErrorClass | "circuit_open" | "retry_after" }[];
  /** The model asked for explicitly, when another one answered instead (fallback allowed). */
  fallbackFrom?: string;
  cache: CacheStatus;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface CompletionResult {
  text: string;
  usage: Usage;
  /** What this request cost (0 when served from the cache or a coalesced call). */
  costUsd: number;
  latencyMs: number;
  /** Streaming only: time to the first token. */
  ttftMs?: number;
  finishReason: string;
  decision: RouteDecision;
  /** Where the time went (ms): planning (classify, budgets, catalogue, route), cache lookup, provider calls. */
  timing?: { planMs: number; cacheMs: number; providerMs: number };
}

/** What a cache entry (and a coalesced call) carries. */
export interface StoredAnswer {
  text: string;
  usage: Usage;
  model: string;
  provider: ProviderId;
  finishReason: string;
  costUsd: number;
}

export type StreamEvent =
  | { type: "delta"; text: string }
  | { type: "done"; result: CompletionResult }
  | { type: "error"; code: string; message: string; errorClass: string };

/** A stream that has started: the route is settled and the first token (if any) is on its way. */
export interface StreamHandle {
  decision: RouteDecision;
  events: AsyncIterable<StreamEvent>;
  /** Abandons the stream (client gone) if it has not ended; safe to call any time, any number of times. */
  cancel: () => void;
}
