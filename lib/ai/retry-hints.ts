import type { FailureScope } from "./errors";

/** The longest a provider's Retry-After is remembered (a bogus "come back tomorrow" is not obeyed). */
export const MAX_HINT_MS = 10 * 60_000;
/** The longest a request waits on a Retry-After itself (only when nothing else can answer). */
export const MAX_RETRY_WAIT_MS = 10_000;

interface Target {
  provider: string;
  id: string;
}

/**
 * Providers' Retry-After hints, remembered per model (a 429, or a 5xx from the provider itself)
 * or per provider (a gateway in front of the endpoint said it): until a hint expires the router
 * does not ask that model or provider again while another candidate can answer. Keys are the
 * catalogue's providers and models, so the map stays small; expired hints are dropped as read.
 */
export class RetryHints {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxMs = MAX_HINT_MS,
  ) {}

  private static key(m: Target, scope: "provider" | "model"): string {
    return scope === "provider" ? m.provider : `${m.provider}\u0000${m.id}`;
  }

  /** Remembers "not before `retryAfterMs` from now" (capped); a longer hint already held stays. */
  remember(m: Target, scope: FailureScope, retryAfterMs: number): void {
    if (scope === "request" || !(retryAfterMs > 0)) return;
    const key = RetryHints.key(m, scope === "provider" ? "provider" : "model");
    const at = this.now() + Math.min(retryAfterMs, this.maxMs);
    if (at > (this.until.get(key) ?? 0)) this.until.set(key, at);
  }

  /** How long `m` is still to be left alone, by its own hint or its provider's (0: not at all). */
  remainingMs(m: Target): number {
    return Math.max(
      this.left(RetryHints.key(m, "provider")),
      this.left(RetryHints.key(m, "model")),
    );
  }

  private left(key: string): number {
    const at = this.until.get(key);
    if (at === undefined) return 0;
    const ms = at - this.now();
    if (ms > 0) return ms;
    this.until.delete(key);
    return 0;
  }
}

/**
 * A Retry-After as milliseconds: OpenAI's `retry-after-ms`, else `retry-after` in seconds or as
 * an HTTP date. Absent or unreadable: undefined.
 */
export function retryAfterMs(
  headers: Record<string, string | undefined> | undefined,
  now = Date.now(),
): number | undefined {
  const ms = Number(headers?.["retry-after-ms"]);
  if (headers?.["retry-after-ms"] && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.["retry-after"]?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
