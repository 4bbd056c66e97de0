import { APICallError, RetryError } from "ai";
import type { ErrorClass } from "./error-classes";

export type { ErrorClass };

export interface ProviderFailure {
  errorClass: ErrorClass;
  /** Trying the same model again after a backoff can help (timeouts, 429, 5xx, network, garbled). */
  retryable: boolean;
  /** Another candidate can help even if this model cannot (its key or model id is wrong). */
  fallback?: boolean;
  retryAfterMs?: number;
  status?: number;
}

/**
 * What went wrong with one provider attempt, and what can help: timeouts, 429, 5xx, network faults
 * and garbled responses are retried, then the next candidate; a rejected key (401/403) or an
 * unknown model (404) goes straight to the next candidate; any other 4xx is about the request
 * itself and no provider will answer it differently.
 */
export function classifyProviderError(err: unknown): ProviderFailure {
  const e = err instanceof RetryError ? err.lastError : err;
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError"))
    return { errorClass: "timeout", retryable: true };
  if (APICallError.isInstance(e)) {
    const status = e.statusCode;
    const retryAfter = Number(e.responseHeaders?.["retry-after"]);
    const retryAfterMs = Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined;
    if (status === 429)
      return { errorClass: "rate_limited", retryable: true, retryAfterMs, status };
    if (status === 408 || status === 409)
      return { errorClass: "server_error", retryable: true, status };
    if (status === 401 || status === 403)
      return { errorClass: "auth_error", retryable: false, fallback: true, status };
    if (status === 404)
      return { errorClass: "model_not_found", retryable: false, fallback: true, status };
    if (status !== undefined && status >= 500)
      return { errorClass: "server_error", retryable: true, status };
    if (status !== undefined && status >= 400)
      return { errorClass: "client_error", retryable: false, status };
    // A 2xx whose body could not be read as the expected JSON: the provider garbled it.
    if (status !== undefined && status < 300)
      return { errorClass: "malformed_response", retryable: true, status };
    return { errorClass: "network", retryable: true };
  }
  if (e instanceof Error && /JSON|parse|Invalid|type validation/i.test(`${e.name} ${e.message}`))
    return { errorClass: "malformed_response", retryable: true };
  if (
    e instanceof Error &&
    /fetch failed|ECONNREFUSED|ECONNRESET|socket|other side closed/i.test(
      `${e.message} ${String((e as { cause?: unknown }).cause)}`,
    )
  ) {
    return { errorClass: "network", retryable: true };
  }
  return { errorClass: "unknown", retryable: false };
}
