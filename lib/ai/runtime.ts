import "server-only";
import path from "node:path";
import type { Db } from "@/db/client";
import { aiRequests, type NewAiRequest } from "@/db/schema";
import type { Clock } from "../clock";
import type { Ctx } from "../context";
import type { Env } from "../env";
import type { Logger } from "../log";
import type { ChangeFeed } from "../db/changes";
import { insertMany } from "../db/insert-many";
import { BudgetGuard } from "./budgets";
import { compatibleModels, DEFAULT_MODELS } from "./catalogue";
import { CatalogueStore } from "./catalogue-store";
import { Circuits } from "./circuits";
import type { AiClient } from "./client";
import { complete } from "./complete";
import type { AnswerCache, RouterDeps } from "./deps";
import { Ledger } from "./ledger";
import { fileSpill, type LedgerSpill } from "./ledger-spill";
import { closePools } from "./openai-wire";
import { availableProviders, providerClientFactory } from "./providers";
import { MAX_RETRY_WAIT_MS, RetryHints } from "./retry-hints";
import { streamUntilStopping, untilStopping } from "./stopping";
import { stream } from "./stream";
import type { CompletionInput } from "./types";

export interface AiRouterOptions {
  env: Env;
  log: Logger;
  clock: Clock;
  /** The response cache (lib/cache owns it; the router only reads and writes answers). */
  cache?: AnswerCache;
  /** The database for the ledger, the catalogue and the budgets (the composition root's). */
  db: () => Promise<Db>;
  /** Admin edits of the catalogue and budgets from every process (kept in memory until then). */
  changes?: ChangeFeed;
  /** Tests: no waits between retries, a ledger that writes only when flushed. */
  backoffMs?: RouterDeps["backoffMs"];
  sleep?: RouterDeps["sleep"];
  ledgerIntervalMs?: number;
  /**
   * Where ledger rows wait while the database is away: DATA_DIR/ledger-spill.jsonl by default,
   * none in the test environment (test files share one DATA_DIR) unless given.
   */
  ledgerSpill?: LedgerSpill | null;
}

/**
 * The router: providers from the environment, the catalogue store, circuit breakers per
 * provider and per model, the batched cost ledger (flushed by `close`), and the budget guard. Built once by the
 * composition root; services reach it as `ctx.ai`.
 */
export class AiRouter implements AiClient {
  readonly deps: RouterDeps;
  readonly catalogue: CatalogueStore;
  readonly ledger: Ledger;
  readonly budgets: BudgetGuard;
  readonly providers: AiClient["providers"];

  constructor(opts: AiRouterOptions) {
    const { env, db } = opts;
    const log = opts.log.child({ module: "ai" });
    // The SDK prints its warnings (e.g. unknown model ids) to the console on every call; route them to the log.
    (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = (o: {
      warnings: unknown[];
    }) => log.debug({ warnings: o.warnings }, "AI SDK warnings");
    const clockMs = () => opts.clock.now().getTime();
    const live = () => opts.changes?.live ?? false;
    this.catalogue = new CatalogueStore(
      [...DEFAULT_MODELS, ...compatibleModels(env.providers.compatible)],
      db,
      clockMs,
      5_000,
      live,
    );
    const spill =
      opts.ledgerSpill === undefined
        ? env.environment === "test"
          ? undefined
          : fileSpill(path.join(env.dataDir, "ledger-spill.jsonl"))
        : (opts.ledgerSpill ?? undefined);
    // `skipExisting`: a write that timed out may have committed; its retry must not count twice.
    const write = async (rows: NewAiRequest[]) =>
      insertMany(await db(), aiRequests, rows, { skipExisting: true });
    this.ledger = new Ledger(write, {
      spill,
      onSpillError: (err) =>
        log.error({ err }, "could not write the ledger spill file; rows kept in memory only"),
      // Small batches: on PGlite each insert holds the event loop for its whole duration (a 200-row
      // batch ≈ 10 ms, every request behind it waits); 25 rows spread that thin, and on
      // PostgreSQL 25 rows per statement is still one round trip per 25 requests.
      maxBatch: 25,
      intervalMs: opts.ledgerIntervalMs ?? 1000,
      maxQueued: 50_000,
      onError: (err) =>
        log.error({ err }, "cost ledger write failed; rows kept for the next flush"),
      // A bug of ours (a row the schema refuses), never a user's doing: the rest are written.
      onQuarantine: (row, err) =>
        log.error(
          { err, requestId: row.requestId, model: row.requestedModel },
          "cost ledger row refused by the database; quarantined",
        ),
    });
    const circuits = new Circuits({
      failureThreshold: env.ai.breakerFailures,
      openMs: env.ai.breakerOpenSeconds * 1000,
      now: clockMs,
    });
    this.budgets = new BudgetGuard(db, this.ledger, clockMs, {
      live,
      onError: (err) => log.warn({ err }, "could not re-read budget spend; using the last known"),
    });
    opts.changes?.subscribe(
      ["ai_models", "ai_budgets"],
      (c) => (c.table === "ai_models" ? this.catalogue.invalidate() : this.budgets.invalidate()),
      () => (this.catalogue.invalidate(), this.budgets.invalidate()),
    );
    const available = availableProviders(env);
    this.providers = {
      available,
      compatible: env.providers.compatible.map((c) => c.name),
      circuit: (provider) => circuits.providerState(provider),
      modelCircuits: (provider) => circuits.modelStates(provider),
    };
    this.deps = {
      models: () => this.catalogue.enabled(),
      available,
      client: providerClientFactory(env),
      circuits,
      ledger: this.ledger,
      cache: opts.cache,
      cacheTtl: env.cacheTtl,
      inflight: new Map(),
      budgets: this.budgets,
      hints: new RetryHints(clockMs),
      timeoutMs: env.ai.timeoutMs,
      deadlineMs: env.ai.requestDeadlineMs,
      retries: env.ai.retries,
      // Exponential with full jitter, capped; a provider's retry-after wins (up to 10 s, and only
      // when no other candidate can answer: see lib/ai/candidates.ts).
      backoffMs:
        opts.backoffMs ??
        ((attempt, retryAfterMs) =>
          retryAfterMs !== undefined
            ? Math.min(retryAfterMs, MAX_RETRY_WAIT_MS)
            : Math.random() * Math.min(4_000, 250 * 2 ** attempt)),
      sleep: opts.sleep,
    };
  }

  complete(ctx: Ctx, input: CompletionInput) {
    return untilStopping(ctx, input, (input) => complete({ ctx, input, deps: this.deps }));
  }

  stream(ctx: Ctx, input: CompletionInput) {
    return streamUntilStopping(ctx, input, (input) => stream({ ctx, input, deps: this.deps }));
  }

  /**
   * Shutdown: every row not yet written goes to the spill file first (a flush that cannot reach
   * the database, or a hook cut by its timeout, loses nothing), then the last flush, which
   * empties the file again when it gets through.
   */
  async close(): Promise<void> {
    this.ledger.spillUnwritten();
    await this.ledger.flush();
    await closePools();
  }
}
