import type { AttemptDeps } from "./candidates";
import type { BudgetGate } from "./budgets";
import type { ModelInfo, ProviderId } from "./catalogue";
import type { Ledger } from "./ledger";
import type { TaskType } from "./task-types";
import type { StoredAnswer } from "./types";

/** The cache as the router sees it (lib/cache's ResponseCache implements it). */
export interface AnswerCache {
  readonly status: "ok" | "degraded";
  get(key: string, taskType: string): string | null;
  set(
    key: string,
    entry: { taskType: string; value: string; ttlSeconds: number; costUsd: number },
  ): void;
}

/** What the router's functions need, built once by AiRouter (or by a test). */
export interface RouterDeps extends AttemptDeps {
  /** The catalogue (shipped defaults merged with admin edits). */
  models: () => Promise<ModelInfo[]>;
  available: ReadonlySet<ProviderId>;
  ledger: Ledger;
  cache?: AnswerCache;
  cacheTtl?: Partial<Record<TaskType, number>>;
  /** Identical cacheable requests in flight, by cache key: followers share the leader's answer. */
  inflight?: Map<string, Promise<StoredAnswer>>;
  budgets?: BudgetGate;
}
