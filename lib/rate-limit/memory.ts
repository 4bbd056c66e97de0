import "server-only";
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimitBackendName, RateLimiter, RateLimitResult, RateLimitRule } from "./types";

/** The one logger method the backends need; pino's `Logger` fits, and so does a test fake. */
export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

/** Identity of a rule's limiter: a rule whose numbers change gets its own counters. */
export const ruleId = (r: RateLimitRule): string =>
  `${r.name}|${r.points}|${r.windowSeconds}|${r.blockSeconds ?? 0}`;

export function allowedResult(
  rule: RateLimitRule,
  remaining: number,
  resetAt: number,
): RateLimitResult {
  return {
    allowed: true,
    limit: rule.points,
    remaining: Math.max(0, remaining),
    resetAt,
    retryAfterSeconds: 0,
    degraded: false,
  };
}

export function refusedResult(rule: RateLimitRule, resetAt: number): RateLimitResult {
  const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  return {
    allowed: false,
    limit: rule.points,
    remaining: 0,
    resetAt,
    retryAfterSeconds,
    degraded: false,
  };
}

/**
 * A RateLimiter over rate-limiter-flexible limiters (memory or Redis), one per rule. The library
 * rejects with a RateLimiterRes when the limit is exceeded and with an Error when the store fails;
 * only the latter escapes, so `withMemoryFallback` can tell an outage from a refusal.
 */
export function flexibleRateLimiter(
  backend: RateLimitBackendName,
  make: (rule: RateLimitRule) => RateLimiterAbstract,
): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (rule: RateLimitRule) => {
    const id = ruleId(rule);
    let limiter = limiters.get(id);
    if (!limiter) limiters.set(id, (limiter = make(rule)));
    return limiter;
  };
  const toResult = (rule: RateLimitRule, res: RateLimiterRes, admitted: boolean) => {
    const resetAt = Date.now() + Math.max(0, res.msBeforeNext);
    return admitted
      ? allowedResult(rule, res.remainingPoints, resetAt)
      : refusedResult(rule, resetAt);
  };
  return {
    backend,
    async consume(rule, key) {
      try {
        return toResult(rule, await limiterFor(rule).consume(key), true);
      } catch (err) {
        if (err instanceof RateLimiterRes) return toResult(rule, err, false);
        throw err;
      }
    },
    async peek(rule, key) {
      const res = await limiterFor(rule).get(key);
      if (!res) return allowedResult(rule, rule.points, Date.now() + rule.windowSeconds * 1000);
      // "Allowed" means the next consume would be admitted: points left and no lockout running.
      return toResult(rule, res, res.consumedPoints < rule.points);
    },
    async reset(rule, key) {
      await limiterFor(rule).delete(key);
    },
    async close() {
      limiters.clear();
    },
  };
}

/** In-process limits: exact for one instance, each instance counts on its own. */
export function createMemoryRateLimiter(): RateLimiter {
  return flexibleRateLimiter(
    "memory",
    (rule) =>
      new RateLimiterMemory({
        keyPrefix: rule.name,
        points: rule.points,
        duration: rule.windowSeconds,
        blockDuration: rule.blockSeconds ?? 0,
      }),
  );
}

const WARN_EVERY_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 1_500;

/**
 * Wraps a shared backend whose methods throw on outages. Any failure (or a call slower than
 * `timeoutMs`) is answered by an in-process limiter instead, marked `degraded`: during an outage
 * each instance still enforces its own limits, it never allows everything and never throws. The
 * warning is throttled so an outage does not flood the logs at request rate.
 */
export function withMemoryFallback(
  primary: RateLimiter,
  opts: { log: WarnLogger; timeoutMs?: number },
): RateLimiter {
  const memory = createMemoryRateLimiter();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let lastWarnAt = -Infinity;

  async function guarded<T>(call: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`rate limit backend did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (err) {
      if (Date.now() - lastWarnAt >= WARN_EVERY_MS) {
        lastWarnAt = Date.now();
        opts.log.warn(
          { err, backend: primary.backend },
          "rate limit backend unavailable; using in-process limits",
        );
      }
      return fallback();
    } finally {
      clearTimeout(timer);
    }
  }
  const degraded = (r: RateLimitResult): RateLimitResult => ({ ...r, degraded: true });

  return {
    backend: primary.backend,
    consume: (rule, key) =>
      guarded(
        () => primary.consume(rule, key),
        async () => degraded(await memory.consume(rule, key)),
      ),
    peek: (rule, key) =>
      guarded(
        () => primary.peek(rule, key),
        async () => degraded(await memory.peek(rule, key)),
      ),
    // The fallback's counters are forgotten too, so a reset during an outage still unlocks the key here.
    reset: (rule, key) =>
      guarded(
        () =>
          Promise.all([primary.reset(rule, key), memory.reset(rule, key)]).then(() => undefined),
        () => memory.reset(rule, key),
      ),
    async close() {
      await Promise.allSettled([primary.close(), memory.close()]);
    },
  };
}
