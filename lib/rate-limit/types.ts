/**
 * Rate limiting behind one small interface. Backends: in-process memory (default, one instance),
 * plain Redis (REDIS_URL, shared between instances) and Upstash REST (UPSTASH_REDIS_REST_*).
 * Every backend is a fixed window counter that is atomic, so a concurrent burst never admits
 * more than `points` per window.
 */

export interface RateLimitRule {
  /** Names the counter family, e.g. "api:user" or "login-fail"; part of the storage key. */
  name: string;
  /** Requests (or failures) allowed per window. */
  points: number;
  windowSeconds: number;
  /** When set, exhausting the window blocks the key for this long (a lockout), not just until the window ends. */
  blockSeconds?: number;
}

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the counter resets (or the block ends). */
  resetAt: number;
  /** Whole seconds to wait before retrying (0 when allowed). */
  retryAfterSeconds: number;
  /** True when the shared backend failed and the in-process fallback decided. */
  degraded: boolean;
}

export type RateLimitBackendName = "memory" | "redis" | "upstash";

export interface RateLimiter {
  readonly backend: RateLimitBackendName;
  /** Counts one hit against `key` and says whether it is allowed. Never throws for backend outages. */
  consume(rule: RateLimitRule, key: string): Promise<RateLimitResult>;
  /** Reads the state without counting (e.g. "is this account locked out?"). */
  peek(rule: RateLimitRule, key: string): Promise<RateLimitResult>;
  /** Forgets the key (e.g. failures after a successful login). */
  reset(rule: RateLimitRule, key: string): Promise<void>;
  close(): Promise<void>;
}
