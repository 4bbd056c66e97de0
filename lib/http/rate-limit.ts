import "server-only";
import type { Actor } from "../context";
import type { Env } from "../env";
import { AppError } from "../errors";
import { rateLimitFor, type RouteClass } from "../rate-limit/policy";
import type { RateLimiter, RateLimitResult } from "../rate-limit/types";

export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(r.limit),
    "X-RateLimit-Remaining": String(Math.max(0, r.remaining)),
    "X-RateLimit-Reset": String(Math.ceil(r.resetAt / 1000)),
  };
}

export function rateLimited(r: RateLimitResult): AppError {
  return new AppError(
    "rate_limited",
    `Too many requests. Try again in ${r.retryAfterSeconds} s.`,
    { retryAfterSeconds: r.retryAfterSeconds },
    {
      headers: { ...rateLimitHeaders(r), "Retry-After": String(r.retryAfterSeconds) },
    },
  );
}

/**
 * Spends one request of route class `cls` for this caller. Over the limit → throws the 429;
 * otherwise returns the X-RateLimit-* headers to send (none when the caller is exempt).
 */
export async function enforceRateLimit(
  { limiter, env }: { limiter: RateLimiter; env: Env },
  cls: RouteClass,
  actor: Actor,
  ip: string | undefined,
): Promise<Record<string, string>> {
  const limit = rateLimitFor(cls, actor, ip, env);
  if (!limit) return {};
  const result = await limiter.consume(limit.rule, limit.key);
  if (!result.allowed) throw rateLimited(result);
  return rateLimitHeaders(result);
}
