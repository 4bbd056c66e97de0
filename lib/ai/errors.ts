import { APICallError, RetryError } from "ai";

export type ErrorClass = "timeout" | "rate_limited" | "server_error" | "network" | "malformed_response" | "client_error" | "unknown";

/**
 * What went wrong with one provider attempt, and whether trying again (same provider after a
 * backoff, or the next candidate) can help: timeouts, 429, 5xx, network faults and garbled
 * responses can; a 4xx about the request itself cannot.
 */
export function classifyProviderError(err: unknown): { errorClass: ErrorClass; retryable: boolean; retryAfterMs?: number; status?: number } {
  const e = err instanceof RetryError ? err.lastError : err;
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) return { errorClass: "timeout", retryable: true };
  if (APICallError.isInstance(e)) {
    const status = e.statusCode;
    const retryAfter = Number(e.responseHeaders?.["retry-after"]);
    const retryAfterMs = Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined;
    if (status === 429) return { errorClass: "rate_limited", retryable: true, retryAfterMs, status };
    if (status !== undefined && status >= 500) return { errorClass: "server_error", retryable: true, status };
    if (status !== undefined && status >= 400) return { errorClass: "client_error", retryable: false, status };
    // A 2xx whose body could not be read as the expected JSON: the provider garbled it.
    if (status !== undefined && status < 300) return { errorClass: "malformed_response", retryable: true, status };
    return { errorClass: "network", retryable: true };
  }
  if (e instanceof Error && /JSON|parse|Invalid|type validation/i.test(`${e.name} ${e.message}`)) return { errorClass: "malformed_response", retryable: true };
  if (e instanceof Error && /fetch failed|ECONNREFUSED|ECONNRESET|socket|other side closed/i.test(`${e.message} ${String((e as { cause?: unknown }).cause)}`)) {
    return { errorClass: "network", retryable: true };
  }
  return { errorClass: "unknown", retryable: false };
}
