import "server-only";
import { getEnv, type Env } from "../env";
import { onShutdown } from "../lifecycle";
import { logger } from "../log";
import { createMemoryRateLimiter, type WarnLogger } from "./memory";
import { createRedisRateLimiter } from "./redis";
import type { RateLimiter } from "./types";
import { createUpstashRateLimiter, upstashFromEnv } from "./upstash";

export type { RateLimitBackendName, RateLimiter, RateLimitResult, RateLimitRule } from "./types";
export { createMemoryRateLimiter, withMemoryFallback, type WarnLogger } from "./memory";
export { createRedisRateLimiter, rateLimitRedisClient } from "./redis";
export { createUpstashRateLimiter, upstashFromEnv, type UpstashClient } from "./upstash";
export { ioredisUpstashClient } from "./ioredis-upstash-adapter";

/**
 * Upstash (UPSTASH_REDIS_REST_*) > plain Redis (REDIS_URL) > in-process memory. Only the first two
 * share counts between instances; with several instances and neither set, each enforces its own.
 */
export function createRateLimiter({
  env,
  log,
}: {
  env: Pick<Env, "upstash" | "redisUrl">;
  log: WarnLogger;
}): RateLimiter {
  if (env.upstash) return createUpstashRateLimiter({ redis: upstashFromEnv(env.upstash), log });
  if (env.redisUrl) return createRedisRateLimiter({ url: env.redisUrl, log });
  return createMemoryRateLimiter();
}

// One limiter per process, kept on globalThis so a hot-reloaded module does not open a second
// Redis connection (or start counting from zero).
interface RateLimitState {
  limiter?: RateLimiter;
}
const state: RateLimitState = ((
  globalThis as { __aiosRateLimit?: RateLimitState }
).__aiosRateLimit ??= {});

/** The process's limiter, created on first use (never at import: `next build` imports modules). */
export function getRateLimiter(): RateLimiter {
  if (!state.limiter) {
    state.limiter = createRateLimiter({ env: getEnv(), log: logger() });
    onShutdown("rate-limit", closeRateLimiter);
  }
  return state.limiter;
}

export async function closeRateLimiter(): Promise<void> {
  const limiter = state.limiter;
  state.limiter = undefined;
  await limiter?.close();
}
