import "server-only";
import type { Db } from "@/db/client";
import { aiRequests } from "@/db/schema";
import { SqliteResponseCache } from "../cache/sqlite-cache";
import type { Ctx } from "../context";
import { getDb } from "../db";
import { getEnv, type Env } from "../env";
import { onShutdown } from "../lifecycle";
import { logger } from "../log";
import { CircuitBreaker } from "./breaker";
import { BudgetGuard } from "./budgets";
import { compatibleModels, DEFAULT_MODELS } from "./catalogue";
import { CatalogueStore } from "./catalogue-store";
import { Ledger } from "./ledger";
import { availableProviders, languageModelFactory } from "./providers";
import { complete, stream, type CompletionInput, type RouterDeps } from "./router";

/**
 * The process's router: providers from the environment, the catalogue store, one circuit breaker
 * per provider, the batched ledger (flushed on clean shutdown), the SQLite cache with its
 * scheduled cleanup, and the budget guard. Services call `complete`/`stream` on it.
 */
export class AiRouter {
  readonly deps: RouterDeps;
  readonly catalogue: CatalogueStore;
  readonly ledger: Ledger;
  readonly cache: SqliteResponseCache;
  readonly breaker: CircuitBreaker;
  readonly budgets: BudgetGuard;
  private readonly cleanupTimer: NodeJS.Timeout;

  constructor(
    readonly env: Env,
    opts: {
      db?: () => Promise<Db>;
      cachePath?: string;
      backoffMs?: RouterDeps["backoffMs"];
      sleep?: RouterDeps["sleep"];
      ledgerIntervalMs?: number;
    } = {},
  ) {
    const db = opts.db ?? getDb;
    const log = logger().child({ module: "ai" });
    // The SDK prints its warnings (e.g. unknown model ids) to the console on every call; route them to the log.
    (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = (o: {
      warnings: unknown[];
    }) => log.debug({ warnings: o.warnings }, "AI SDK warnings");
    this.catalogue = new CatalogueStore(
      [...DEFAULT_MODELS, ...compatibleModels(env.providers.compatible)],
      db,
    );
    this.ledger = new Ledger(
      async (rows) => void (await (await db()).insert(aiRequests).values(rows)),
      {
        maxBatch: 200,
        intervalMs: opts.ledgerIntervalMs ?? 1000,
        maxQueued: 50_000,
        onError: (err) =>
          log.error({ err }, "cost ledger write failed; rows kept for the next flush"),
      },
    );
    this.cache = new SqliteResponseCache(opts.cachePath ?? env.cacheDbPath, (err) =>
      log.error(
        { err, file: opts.cachePath ?? env.cacheDbPath },
        "response cache unusable; serving uncached",
      ),
    );
    this.breaker = new CircuitBreaker({
      failureThreshold: env.ai.breakerFailures,
      openMs: env.ai.breakerOpenSeconds * 1000,
    });
    this.budgets = new BudgetGuard(db, this.ledger);
    this.deps = {
      models: () => this.catalogue.enabled(),
      available: availableProviders(env),
      languageModel: languageModelFactory(env),
      breaker: this.breaker,
      ledger: this.ledger,
      cache: this.cache,
      cacheTtl: env.cacheTtl,
      inflight: new Map(),
      budgets: (ctx, projectId) => this.budgets.check(ctx, projectId),
      timeoutMs: env.ai.timeoutMs,
      retries: env.ai.retries,
      // Exponential with full jitter, capped; a provider's retry-after wins (up to 10 s).
      backoffMs:
        opts.backoffMs ??
        ((attempt, retryAfterMs) =>
          retryAfterMs !== undefined
            ? Math.min(retryAfterMs, 10_000)
            : Math.random() * Math.min(4_000, 250 * 2 ** attempt)),
      sleep: opts.sleep,
    };
    this.cleanupTimer = setInterval(() => {
      const removed = this.cache.cleanup();
      if (removed) log.info({ removed }, "response cache: expired entries removed");
    }, env.cacheCleanupIntervalSeconds * 1000).unref();
  }

  complete(ctx: Ctx, input: CompletionInput) {
    return complete({ ctx, input, deps: this.deps });
  }

  stream(ctx: Ctx, input: CompletionInput) {
    return stream({ ctx, input, deps: this.deps });
  }

  async close(): Promise<void> {
    clearInterval(this.cleanupTimer);
    await this.ledger.flush();
    this.cache.close();
  }
}

const state = ((globalThis as { __aiosRouter?: { router?: AiRouter } }).__aiosRouter ??= {});

/** The router of this process, built on first use from the environment. */
export function getRouter(): AiRouter {
  if (!state.router) {
    const router = new AiRouter(getEnv());
    state.router = router;
    onShutdown("ai-router", () => state.router?.close());
  }
  return state.router;
}

/** Tests: install a router built against the fake provider (or undefined to go back to the default). */
export async function setRouter(router: AiRouter | undefined): Promise<void> {
  const old = state.router;
  state.router = router;
  if (old && old !== router) await old.close();
}
