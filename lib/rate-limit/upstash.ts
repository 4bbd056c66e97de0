import "server-only";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import {
  allowedResult,
  refusedResult,
  ruleId,
  withMemoryFallback,
  type WarnLogger,
} from "./memory";
import type { RateLimiter, RateLimitRule } from "./types";

/**
 * The part of the `@upstash/redis` client this backend uses: EVALSHA with an EVAL fallback is all
 * @upstash/ratelimit calls for fixedWindow limit/getRemaining/resetUsedTokens (analytics, deny
 * lists and multi-region, which use more, stay off); GET/SET/DEL serve the lockout key. The
 * Upstash client satisfies it as is; `ioredisUpstashClient` does for a plain Redis.
 */
export interface UpstashClient {
  eval(script: string, keys: string[], args: unknown[]): Promise<unknown>;
  evalsha(sha1: string, keys: string[], args: unknown[]): Promise<unknown>;
  get(key: string): Promise<unknown>;
  set(key: string, value: string, opts: { ex: number; nx: true }): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
}

type RatelimitRedis = ConstructorParameters<typeof Ratelimit>[0]["redis"];

/** The Upstash REST client from UPSTASH_REDIS_REST_*, retrying once so an outage fails fast into the fallback. */
export function upstashFromEnv({ url, token }: { url: string; token: string }): UpstashClient {
  return new Redis({
    url,
    token,
    retry: { retries: 1, backoff: () => 100 },
    enableTelemetry: false,
  });
}

/**
 * Keys go into SCAN patterns (resetUsedTokens deletes `${prefix}:${key}:*`), so they are encoded:
 * no `*`, `?`, `[` can widen the match and no `:` can make "a" also reset "a:b".
 */
const encodeKey = (key: string) => encodeURIComponent(key).replace(/\*/g, "%2A");

/**
 * Shared fixed-window limits in Upstash through @upstash/ratelimit. Its fixed window has no
 * lockout, so `blockSeconds` is a separate key (`…:<key>:block`, value = end of the block in epoch
 * ms) set by the first refused hit and checked before counting. Unlike rate-limiter-flexible, the
 * window's counter survives the lockout: with blockSeconds < windowSeconds a key stays refused until
 * its window ends, and a refusal then re-arms the lockout (equal values, as in policy.ts, are exact).
 */
export function createUpstashRateLimiter({
  redis,
  prefix = "rl",
  log,
}: {
  redis: UpstashClient;
  prefix?: string;
  log: WarnLogger;
}): RateLimiter {
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (rule: RateLimitRule) => {
    const id = ruleId(rule);
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        // Ratelimit's type asks for the whole Upstash client; it calls only what UpstashClient lists.
        redis: redis as unknown as RatelimitRedis,
        limiter: Ratelimit.fixedWindow(rule.points, `${rule.windowSeconds} s` as const),
        prefix: `${prefix}:${rule.name}`,
        // Its timeout answers "success" after N ms (allow-all during an outage); the fallback owns timeouts.
        timeout: 0,
        analytics: false,
        // Fetches a public IP deny list from the internet.
        enableProtection: false,
        // A per-process "already blocked" cache would hide other instances' resets and counts.
        ephemeralCache: false,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };
  const blockKey = (rule: RateLimitRule, key: string) =>
    `${prefix}:${rule.name}:${encodeKey(key)}:block`;
  const blockedUntil = async (rule: RateLimitRule, key: string): Promise<number | null> => {
    if (!rule.blockSeconds) return null;
    const until = Number(await redis.get(blockKey(rule, key)));
    return until > Date.now() ? until : null;
  };

  const primary: RateLimiter = {
    backend: "upstash",
    async consume(rule, key) {
      const blocked = await blockedUntil(rule, key);
      if (blocked) return refusedResult(rule, blocked);
      const r = await limiterFor(rule).limit(encodeKey(key));
      if (r.success) return allowedResult(rule, r.remaining, r.reset);
      if (!rule.blockSeconds) return refusedResult(rule, r.reset);
      const until = Date.now() + rule.blockSeconds * 1000;
      // NX: the first refusal starts the lockout; the rest of a burst must not extend it.
      await redis.set(blockKey(rule, key), String(until), { ex: rule.blockSeconds, nx: true });
      return refusedResult(rule, until);
    },
    async peek(rule, key) {
      const blocked = await blockedUntil(rule, key);
      if (blocked) return refusedResult(rule, blocked);
      const r = await limiterFor(rule).getRemaining(encodeKey(key));
      return r.remaining > 0
        ? allowedResult(rule, r.remaining, r.reset)
        : refusedResult(rule, r.reset);
    },
    async reset(rule, key) {
      await redis.del(blockKey(rule, key));
      await limiterFor(rule).resetUsedTokens(encodeKey(key));
    },
    async close() {
      // The REST client holds no connection; an injected client is closed by whoever created it.
      limiters.clear();
    },
  };
  return withMemoryFallback(primary, { log });
}
