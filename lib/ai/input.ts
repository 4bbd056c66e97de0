import type { CacheMode } from "../cache/policy";
import type { ChatMessage, TaskType } from "./task-types";
import type { CompletionInput, RequestSource, Sampling } from "./types";

/** The routing and sampling fields every routed request has (camelCase, already validated). */
export interface RoutedRequest {
  model: string;
  taskType: TaskType | "auto";
  temperature?: number;
  maxOutputTokens?: number;
  cache: CacheMode;
  topP?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** Whether another model may answer for an explicit one (default deny). */
  fallback?: "allow" | "deny";
}

/**
 * The one mapping from a validated request (the OpenAI-compatible API, the app's chat, a workflow
 * step, an MCP tool) to the router's input. What only the entry knows — the messages to send, the
 * project to charge, the source, the client's abort signal — comes in `given`.
 */
export function toRouterInput(
  req: RoutedRequest,
  given: {
    messages: ChatMessage[];
    source: RequestSource;
    projectId?: string;
    signal?: AbortSignal;
    workflow?: CompletionInput["workflow"];
  },
): CompletionInput {
  const sampling: Sampling = {
    topP: req.topP,
    stopSequences: req.stop,
    seed: req.seed,
    presencePenalty: req.presencePenalty,
    frequencyPenalty: req.frequencyPenalty,
  };
  return {
    messages: given.messages,
    model: req.model,
    taskType: req.taskType === "auto" ? undefined : req.taskType,
    temperature: req.temperature,
    maxOutputTokens: req.maxOutputTokens,
    // Only what was given is part of the cache key.
    sampling: Object.values(sampling).some((v) => v !== undefined) ? sampling : undefined,
    projectId: given.projectId,
    cache: req.cache,
    allowFallback: req.fallback === "allow",
    signal: given.signal,
    source: given.source,
    workflow: given.workflow,
  };
}
