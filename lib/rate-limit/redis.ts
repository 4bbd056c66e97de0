import "server-only";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { flexibleRateLimiter, withMemoryFallback, type WarnLogger } from "./memory";
import type { RateLimiter } from "./types";

const CONNECT_TIMEOUT_MS = 1_000;

/**
 * Client options chosen so a Redis outage costs a request milliseconds, not seconds: commands are
 * never queued while disconnected (they fail at once and the memory fallback answers), a hung
 * server times out, and reconnection keeps going in the background.
 */
export function rateLimitRedisClient(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: CONNECT_TIMEOUT_MS,
  });
  // Outages are reported (throttled) by the fallback; without a listener ioredis prints every
  // reconnect failure to stderr.
  client.on("error", () => {});
  return client;
}

/**
 * Resolves once the first connection attempt has settled (ready, failed, or timed out), so the
 * first requests after start-up use Redis instead of racing the handshake into the fallback.
 */
export function firstConnectSettled(client: Redis): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off("ready", done).off("error", done).off("end", done);
      resolve();
    };
    const timer = setTimeout(done, CONNECT_TIMEOUT_MS);
    client.once("ready", done).once("error", done).once("end", done);
  });
}

/**
 * Shared fixed-window limits in a plain Redis (REDIS_URL) through rate-limiter-flexible, whose
 * Lua script makes increment-and-expire atomic. Keys: `${prefix}:${rule.name}:${key}`.
 */
export function createRedisRateLimiter({
  url,
  prefix = "rl",
  log,
}: {
  url: string;
  prefix?: string;
  log: WarnLogger;
}): RateLimiter {
  const client = rateLimitRedisClient(url);
  const connected = firstConnectSettled(client);
  const inner = flexibleRateLimiter(
    "redis",
    (rule) =>
      new RateLimiterRedis({
        storeClient: client,
        // ioredis is detected by default; useRedisPackage is only for node-redis v4+.
        useRedisPackage: false,
        // Fail fast while disconnected instead of waiting on the client.
        rejectIfRedisNotReady: true,
        keyPrefix: `${prefix}:${rule.name}`,
        points: rule.points,
        duration: rule.windowSeconds,
        blockDuration: rule.blockSeconds ?? 0,
      }),
  );
  const primary: RateLimiter = {
    backend: "redis",
    async consume(rule, key) {
      await connected;
      return inner.consume(rule, key);
    },
    async peek(rule, key) {
      await connected;
      return inner.peek(rule, key);
    },
    async reset(rule, key) {
      await connected;
      return inner.reset(rule, key);
    },
    async close() {
      await inner.close();
      await client.quit().catch(() => client.disconnect());
    },
  };
  return withMemoryFallback(primary, { log });
}
