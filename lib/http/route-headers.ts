import type { CompletionResult, RouteDecision } from "../ai/types";

const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, "?").slice(0, 500);

/**
 * The routing decision as response headers (`x-route-*`, `x-cache`), so any HTTP client can see
 * why a model was chosen without parsing the body. Cost and latency only when known (not for
 * streams, whose totals arrive in the last event).
 */
export function routeHeaders(d: RouteDecision, result?: CompletionResult): Record<string, string> {
  const h: Record<string, string> = {
    "x-route-task-type": d.taskType,
    "x-route-confidence": String(d.confidence),
    "x-route-model": ascii(d.model),
    "x-route-provider": ascii(d.provider),
    "x-route-reason": ascii(d.reason),
    "x-route-fallbacks": ascii(d.fallbacksTried.map((f) => `${f.model}:${f.errorClass}`).join(",")),
    "x-cache": d.cache.toUpperCase(),
  };
  // An explicit model another one answered for (the caller allowed it): never silent.
  if (d.fallbackFrom) h["x-route-fallback-from"] = ascii(d.fallbackFrom);
  if (result) {
    h["x-route-cost-usd"] = result.costUsd.toFixed(8);
    h["x-route-latency-ms"] = String(result.latencyMs);
    const t = result.timing;
    if (t)
      h["server-timing"] =
        `route;desc="classify, budgets, choose";dur=${t.planMs}, cache;dur=${t.cacheMs}, provider;dur=${t.providerMs}`;
  }
  return h;
}
