import "server-only";
import { randomUUID } from "node:crypto";
import { AiRouter, type AiRouterOptions } from "./ai/runtime";
import { openResponseCache, scheduleCacheCleanup, type ResponseCache } from "./cache";
import { systemClock, type Clock } from "./clock";
import type { Actor, Ctx } from "./context";
import { lazyDatabase, openDatabase, type DatabaseProvider } from "./db";
import { loadEnv, withSessionSecret, type Env } from "./env";
import { Lifecycle } from "./lifecycle";
import { createProcessStats, type ProcessStats } from "./monitoring/process";
import { createLogger, type Logger } from "./log";
import { createRateLimiter, type RateLimiter } from "./rate-limit";
import { Principals } from "./auth/principals";
import { ChangeFeed } from "./db/changes";
import { WorkflowRuntime, type RunQueue } from "./workflows/runtime/runtime";
import { fireSchedules } from "./workflows/schedules";
import { RunningTurns } from "./chat/running-turns";

/**
 * The composition root: the only process-global state there is, built once. Every entry (the
 * route wrapper, Auth.js, server pages, scripts, later the MCP entries and the workflow worker)
 * takes its services from here and makes its ctx with `createCtx`; services never reach for a
 * global. Tests build their own with `createServices` and install them with `installServices`.
 */
export interface Services {
  /** Validated configuration, with the session secret resolved. */
  readonly env: Env;
  readonly log: Logger;
  readonly clock: Clock;
  /** Opened on first use (never at import: `next build` imports every module). */
  readonly database: DatabaseProvider;
  readonly limiter: RateLimiter;
  readonly cache: ResponseCache;
  readonly ai: AiRouter;
  /** Changes to users, keys, catalogue and budgets from every process (LISTEN/NOTIFY). */
  readonly changes: ChangeFeed;
  /** Users and API keys in memory for authentication (no query per API call). */
  readonly principals: Principals;
  readonly lifecycle: Lifecycle;
  /** This process's memory, CPU and event-loop delay (GET /api/monitoring/system). */
  readonly process: ProcessStats;
  /** Workflow runs: the job queue (opened on first use), its worker and the lease sweep. */
  readonly workflows: WorkflowRuntime;
  /** What ctx.workflows is: the runtime, or the queue a test handed in. */
  readonly runQueue: RunQueue;
  /** The chat answers streaming from this process, so that Stop ends one at once. */
  readonly turns: RunningTurns;
  /** Runs the shutdown hooks once: ledger flushed, cache and limiter closed, database last. */
  close(): Promise<void>;
}

/** Parts a caller may hand in instead of having them built from `env` (a hand-in is not closed). */
export interface ServiceParts {
  env: Env;
  log?: Logger;
  clock?: Clock;
  database?: DatabaseProvider;
  limiter?: RateLimiter;
  cache?: ResponseCache;
  /**
   * Where services hand runs (`ctx.workflows`) instead of this process's runtime: a test whose
   * database is a transaction the job queue cannot see advances runs in-process instead.
   */
  workflowQueue?: RunQueue;
  /** Router tuning for tests (no backoff waits, a ledger that writes when flushed). */
  router?: Pick<AiRouterOptions, "backoffMs" | "sleep" | "ledgerIntervalMs" | "ledgerSpill">;
}

export function createServices(parts: ServiceParts): Services {
  const log = parts.log ?? createLogger(parts.env.logLevel);
  const env = withSessionSecret(parts.env, (message) => log.warn(message));
  const clock = parts.clock ?? systemClock;
  const lifecycle = new Lifecycle(log);
  // Hooks run in reverse: the database (registered first) closes after everything that writes to it.
  const database = parts.database ?? lazyDatabase(() => openDatabase(env, log));
  if (!parts.database) lifecycle.onShutdown("database", () => database.close());
  const cache = parts.cache ?? openResponseCache({ env, log, clock });
  if (!parts.cache) {
    const stopCleanup = scheduleCacheCleanup(cache, env.cacheCleanupIntervalSeconds, log);
    lifecycle.onShutdown("response-cache", () => (stopCleanup(), cache.close()));
  }
  const limiter = parts.limiter ?? createRateLimiter({ env, log });
  if (!parts.limiter) lifecycle.onShutdown("rate-limit", () => limiter.close());
  const changes = new ChangeFeed(database, log);
  lifecycle.onShutdown("change-feed", () => changes.close());
  const principals = new Principals(
    () => database.db(),
    changes,
    log,
    () => clock.now().getTime(),
  );
  lifecycle.onShutdown("principals", () => principals.flush());
  const processStats = createProcessStats(env.heapCapMb);
  lifecycle.onShutdown("process-stats", () => processStats.close());
  const ai = new AiRouter({
    env,
    log,
    clock,
    cache,
    changes,
    db: () => database.db(),
    ...parts.router,
  });
  lifecycle.onShutdown("ai-router", () => ai.close());
  const services: Services = {
    env,
    log,
    clock,
    database,
    limiter,
    cache,
    ai,
    changes,
    principals,
    lifecycle,
    process: processStats,
    workflows: undefined as unknown as WorkflowRuntime,
    runQueue: undefined as unknown as RunQueue,
    turns: new RunningTurns(),
    close: () => lifecycle.shutdown(),
  };
  // The runtime makes ctxs for the runs it works, so it is built with the rest in hand.
  const workflows: WorkflowRuntime = new WorkflowRuntime({
    env,
    log,
    database,
    stopping: lifecycle.stopping,
    ctxFor: async (actor, runId, db) => ({
      ...(await createCtx(services, {
        actor: { kind: "system", job: "workflow-run", onBehalfOf: actor },
        requestId: `run-${runId}`,
      })),
      db,
    }),
    onTick: async (firedAt, db): Promise<void> => {
      await fireSchedules({
        db,
        log,
        queue: workflows,
        firedAt,
        maxInFlight: env.workflows.maxRunsInFlight,
      });
    },
  });
  lifecycle.onShutdown("workflows", () => workflows.close());
  Object.assign(services, { workflows, runQueue: parts.workflowQueue ?? workflows });
  return services;
}

interface ProcessState {
  services?: Services;
}
// On globalThis, so a hot-reloaded module (or another bundle layer of the same server) finds the
// same services instead of opening a second database.
const state: ProcessState = ((globalThis as { __aiosServices?: ProcessState }).__aiosServices ??=
  {});

/**
 * The process's services, built on first use from `env` (start-up passes the one it validated)
 * or else from the environment.
 */
export function getServices(env?: Env): Services {
  state.services ??= createServices({ env: env ?? loadEnv() });
  return state.services;
}

/** Makes `services` the process's (tests; a host that builds its own); `undefined` forgets them. */
export function installServices(services: Services | undefined): void {
  state.services = services;
}

export interface CtxOptions {
  actor: Actor;
  /** The request's id (x-request-id), or a fresh one for a job. */
  requestId?: string;
  client?: Ctx["client"];
  /** A logger already bound to this request (the route wrapper's), instead of a new child. */
  log?: Logger;
}

/** The one way to make a ctx: the caller, and every effect from the services. */
export async function createCtx(services: Services, opts: CtxOptions): Promise<Ctx> {
  const requestId = opts.requestId ?? randomUUID();
  return {
    actor: opts.actor,
    requestId,
    client: opts.client,
    env: services.env,
    db: await services.database.db(),
    clock: services.clock,
    log: opts.log ?? services.log.child({ requestId }),
    ai: services.ai,
    cache: services.cache,
    limiter: services.limiter,
    principals: services.principals,
    stopping: services.lifecycle.stopping,
    process: services.process,
    workflows: services.runQueue,
    turns: services.turns,
  };
}
