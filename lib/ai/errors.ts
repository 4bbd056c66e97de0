import { APICallError, RetryError } from "ai";
import type { ErrorClass } from "./error-classes";
import { retryAfterMs as retryAfterOf } from "./retry-hints";

export type { ErrorClass };

/**
 * Whom a failure is about: the endpoint (it cannot be reached, or a gateway in front of it says
 * it is down, or it refuses our key), one model on it (the endpoint answered for that model:
 * 5xx, 404, 429, a garbled answer), either (a timeout: a dead endpoint and one slow model look
 * the same, so it counts against both), or only this request (a 4xx about its content).
 */
export type FailureScope = "provider" | "model" | "both" | "request";

export interface ProviderFailure {
  errorClass: ErrorClass;
  /** Trying the same model again after a backoff can help (timeouts, 429, 5xx, network, garbled). */
  retryable: boolean;
  /** Another candidate can help even if this model cannot (its key or model id is wrong). */
  fallback?: boolean;
  scope: FailureScope;
  retryAfterMs?: number;
  status?: number;
}

/** Statuses a reverse proxy or load balancer answers for an endpoint behind it that is down. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * Whether a 502/503/504 came from a gateway rather than from the provider: the provider answers
 * errors as a JSON `error` object (OpenAI's, Anthropic's, every compatible server's); a proxy in
 * front of a dead endpoint sends an HTML page or nothing.
 */
function fromGateway(status: number, body: string | undefined): boolean {
  if (!GATEWAY_STATUSES.has(status)) return false;
  try {
    const json = JSON.parse(body ?? "") as { error?: unknown };
    return typeof json !== "object" || json === null || json.error === undefined;
  } catch {
    return true;
  }
}

/** Connection faults below HTTP: refused, reset, DNS, TLS, unreachable networks. */
const CONNECTION_FAULT =
  /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|socket|other side closed|certificate|CERT_|SSL|TLS/i;

/**
 * What went wrong with one provider attempt, and what can help: timeouts, 429, 5xx, network faults
 * and garbled responses are retried, then the next candidate; a rejected key (401/403) or an
 * unknown model (404) goes straight to the next candidate; any other 4xx is about the request
 * itself and no provider will answer it differently. `scope` says which circuit it counts
 * against: faults below HTTP, a gateway's 502/503/504 and a rejected key are the endpoint's;
 * what the endpoint itself answered for one model is that model's; a timeout, both.
 */
export function classifyProviderError(err: unknown): ProviderFailure {
  const e = err instanceof RetryError ? err.lastError : err;
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError"))
    return { errorClass: "timeout", retryable: true, scope: "both" };
  if (APICallError.isInstance(e)) {
    const status = e.statusCode;
    const retryAfterMs = retryAfterOf(e.responseHeaders);
    if (status === 429)
      return { errorClass: "rate_limited", retryable: true, scope: "model", retryAfterMs, status };
    if (status === 408 || status === 409)
      return { errorClass: "server_error", retryable: true, scope: "model", status };
    if (status === 401 || status === 403)
      return {
        errorClass: "auth_error",
        retryable: false,
        fallback: true,
        scope: "provider",
        status,
      };
    if (status === 404)
      return {
        errorClass: "model_not_found",
        retryable: false,
        fallback: true,
        scope: "model",
        status,
      };
    if (status !== undefined && status >= 500) {
      const scope = fromGateway(status, e.responseBody) ? "provider" : "model";
      return { errorClass: "server_error", retryable: true, scope, retryAfterMs, status };
    }
    if (status !== undefined && status >= 400)
      return { errorClass: "client_error", retryable: false, scope: "request", status };
    // A 2xx whose body could not be read as the expected JSON: the provider garbled it.
    if (status !== undefined && status < 300)
      return { errorClass: "malformed_response", retryable: true, scope: "model", status };
    return { errorClass: "network", retryable: true, scope: "provider" };
  }
  if (e instanceof Error && /JSON|parse|Invalid|type validation/i.test(`${e.name} ${e.message}`))
    return { errorClass: "malformed_response", retryable: true, scope: "model" };
  if (
    e instanceof Error &&
    CONNECTION_FAULT.test(`${e.message} ${String((e as { cause?: unknown }).cause)}`)
  ) {
    return { errorClass: "network", retryable: true, scope: "provider" };
  }
  return { errorClass: "unknown", retryable: false, scope: "request" };
}
