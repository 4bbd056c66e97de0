import "server-only";
import type { Env } from "../env";
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
