// The AI router behind one entry point: plan (classify, budgets, route, cache policy) →
// coalesce (cache hit or an identical call in flight) → complete | stream (provider attempts with
// fallbacks) → settle (the one ledger row). The composition root builds the AiRouter; services
// use it as `ctx.ai` (the AiClient interface).
export { AiRouter, type AiRouterOptions } from "./runtime";
export type { AiClient } from "./client";
export type { AnswerCache, RouterDeps } from "./deps";
export { complete } from "./complete";
export { stream } from "./stream";
export { toRouterInput, type RoutedRequest } from "./input";
export { createCompletion } from "./create-completion";
export type {
  CompletionInput,
  CompletionResult,
  RequestSource,
  RouteDecision,
  StreamEvent,
  StreamHandle,
} from "./types";
