import "server-only";
import { sql } from "drizzle-orm";
import type { ResponseCache } from "../cache/types";
import type { DatabaseProvider } from "../db";
import type { Logger } from "../log";

/** What the probe looks at: the composition root's database and cache. */
export interface HealthDeps {
  database: DatabaseProvider;
  cache: ResponseCache;
  log: Logger;
  /** The router's cost ledger, when there is one (its counters, nothing else). */
  ai?: {
    ledger: { pending: number; dropped: number; quarantined: number; spilledPending: number };
  };
}

export type CheckStatus = "ok" | "error";

export interface HealthReport {
  /** `degraded`: serving, but a non-essential part (the response cache) is down. */
  status: CheckStatus | "degraded";
  checks: {
    database: { status: CheckStatus; driver?: string; latencyMs?: number; error?: string };
    /**
     * Since start: `quarantined` corrupt cache files renamed aside (and replaced by fresh ones),
     * `corruptEntries` entries that failed their checksum (served as misses, deleted).
     */
    cache: {
      status: "ok" | "degraded";
      error?: string;
      quarantined: number;
      corruptEntries: number;
    };
    /** `degraded` once a row was dropped (queue full) or quarantined (refused for its content). */
    ledger?: {
      status: "ok" | "degraded";
      pending: number;
      dropped: number;
      quarantined: number;
      /** Rows in the spill file (DATA_DIR), waiting for the database. */
      spilled: number;
    };
  };
}

/** `{ ledger }` for the report's checks, or nothing when there is no router. */
function withLedger(deps: HealthDeps): Pick<HealthReport["checks"], "ledger"> {
  if (!deps.ai) return {};
  const { pending, dropped, quarantined, spilledPending: spilled } = deps.ai.ledger;
  const status = dropped > 0 || quarantined > 0 ? "degraded" : "ok";
  return { ledger: { status, pending, dropped, quarantined, spilled } };
}

/**
 * The response cache never fails a request: when its file is unusable the router serves
 * uncached; when only its writes fail it goes on serving hits. Both heal by themselves.
 */
export function cacheCheck(cache: ResponseCache): HealthReport["checks"]["cache"] {
  const { quarantined, corruptEntries } = cache;
  if (cache.status === "degraded")
    return {
      status: "degraded",
      error: "cache file unusable; answers are served uncached",
      quarantined,
      corruptEntries,
    };
  if (cache.writesFailing)
    return {
      status: "degraded",
      error:
        "cache writes failing (locked or disk full); hits are served, new answers are not stored",
      quarantined,
      corruptEntries,
    };
  return { status: "ok", quarantined, corruptEntries };
}

export const HEALTH_TIMEOUT_MS = 2000;

/** Rejects when `promise` takes longer than `ms` (the probe must not hang on a black-holed server). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Probes the database with `select 1`, bounded by a timeout so a black-holed server cannot hang
 * the probe. Public output names no hosts or driver messages; the cause goes to the log.
 */
export async function checkHealth(
  deps: HealthDeps,
  opts: { timeoutMs?: number } = {},
): Promise<HealthReport> {
  const started = performance.now();
  let driver: string | undefined;
  try {
    await withTimeout(
      (async () => {
        const handle = await deps.database.handle();
        driver = handle.driver;
        await handle.db.execute(sql`select 1`);
      })(),
      opts.timeoutMs ?? HEALTH_TIMEOUT_MS,
    );
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const cache = cacheCheck(deps.cache);
    const ledger = withLedger(deps);
    return {
      status: cache.status === "ok" && ledger.ledger?.status !== "degraded" ? "ok" : "degraded",
      checks: { database: { status: "ok", driver, latencyMs }, cache, ...ledger },
    };
  } catch (err) {
    deps.log.error({ err }, "health check: database unreachable");
    const locked = err instanceof Error && err.name === "EmbeddedDatabaseLockedError";
    return {
      status: "error",
      checks: {
        database: {
          status: "error",
          driver,
          error: locked ? "locked by another process" : "unreachable",
        },
        cache: cacheCheck(deps.cache),
        ...withLedger(deps),
      },
    };
  }
}
