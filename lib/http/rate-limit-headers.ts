import { AppError } from "../errors";
import type { RateLimitResult } from "../rate-limit/types";

export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(r.limit),
    "X-RateLimit-Remaining": String(Math.max(0, r.remaining)),
    "X-RateLimit-Reset": String(Math.ceil(r.resetAt / 1000)),
  };
}

export function rateLimited(r: RateLimitResult): AppError {
  return new AppError("rate_limited", `Too many requests. Try again in ${r.retryAfterSeconds} s.`, { retryAfterSeconds: r.retryAfterSeconds }, {
    headers: { ...rateLimitHeaders(r), "Retry-After": String(r.retryAfterSeconds) },
  });
}
