import type { MessageMeta } from "./types";

/** Why a model did not answer (the router's error classes), in words. */
const FAILURES: Record<string, string> = {
  timeout: "did not answer in time",
  rate_limited: "was rate-limited (429)",
  server_error: "had a server error",
  network: "could not be reached",
  malformed_response: "sent an answer that could not be read",
  auth_error: "rejected the API key",
  model_not_found: "does not know this model",
  client_error: "refused the request",
  circuit_open: "was skipped: it or its provider kept failing (circuit open)",
  retry_after: "was skipped: it asked to wait (Retry-After)",
  unknown: "failed",
};
export const failureWords = (errorClass: string) => FAILURES[errorClass] ?? errorClass;

/** How the cache took part, in words. */
const CACHE: Record<string, string> = {
  hit: "served from the cache",
  coalesced: "shared with an identical request in flight",
  miss: "not in the cache yet",
  refresh: "asked to skip the cached answer",
  bypass: "asked not to use the cache",
  off: "not cacheable (task type or temperature)",
  degraded: "cache unavailable, answered directly",
};
export const cacheWords = (status: string) => CACHE[status] ?? status;

export const usd = (n: number) => (n === 0 ? "$0" : n < 0.0001 ? "<$0.0001" : `$${n.toFixed(4)}`);

/** The badge for models that failed before the one that answered: which ones, when it is known. */
export function failedLabel(meta: MessageMeta): string | null {
  const tried = meta.fallbacksTried;
  if (tried?.length) {
    const names = [...new Set(tried.map((t) => t.model))];
    return names.length > 2 ? `${names.length} models failed` : `${names.join(" and ")} failed`;
  }
  return meta.fallbacks ? `${meta.fallbacks} fallback${meta.fallbacks > 1 ? "s" : ""}` : null;
}
