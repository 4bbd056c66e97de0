import "server-only";
import type { Clock } from "../clock";
import type { Env } from "../env";
import type { Logger } from "../log";
import { SqliteResponseCache } from "./sqlite-cache";
import type { ResponseCache } from "./types";

export type { CacheStats, ResponseCache } from "./types";
export { SqliteResponseCache, type CacheEvents } from "./sqlite-cache";

/**
 * The process's response cache: the SQLite file at CACHE_DB_PATH (degraded, not fatal, if
 * unusable; it retries by itself). Each change of state is logged once.
 */
export function openResponseCache({
  env,
  log,
  clock,
  file = env.cacheDbPath,
}: {
  env: Pick<Env, "cacheDbPath">;
  log: Logger;
  clock: Clock;
  file?: string;
}): ResponseCache {
  return new SqliteResponseCache(
    file,
    {
      degraded: (err) => log.error({ err, file }, "response cache unusable; serving uncached"),
      writesFailing: (err) =>
        log.warn({ err, file }, "response cache writes failing; serving hits, not storing"),
      healed: () => log.info({ file }, "response cache working again"),
      quarantined: (to, err) =>
        log.error({ err, file, to }, "response cache file corrupt: moved aside, started afresh"),
    },
    clock,
  );
}

/** Deletes expired entries every `seconds`; returns the function that stops it. */
export function scheduleCacheCleanup(
  cache: ResponseCache,
  seconds: number,
  log: Logger,
): () => void {
  const timer = setInterval(() => {
    const removed = cache.cleanup();
    if (removed) log.info({ removed }, "response cache: expired entries removed");
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
