/** Hits, misses, entries, bytes and $ saved, overall and per task type. */
export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  hitRate: number;
  savedUsd: number;
  byTaskType: Record<
    string,
    {
      entries: number;
      bytes: number;
      hits: number;
      misses: number;
      hitRate: number;
      savedUsd: number;
    }
  >;
}

/**
 * The AI response cache as its users see it: the router reads and writes answers, the admin
 * services report, clean up and clear, health reads the status. A cache that cannot work turns
 * `degraded` and never throws (the router then serves uncached).
 */
export interface ResponseCache {
  readonly status: "ok" | "degraded";
  readonly file: string;
  readonly lastError?: string;
  get(key: string, taskType: string): string | null;
  set(
    key: string,
    entry: { taskType: string; value: string; ttlSeconds: number; costUsd: number },
  ): void;
  /** Deletes expired entries (as of `now`, epoch ms; the clock's time by default). */
  cleanup(now?: number): number;
  clear(taskType?: string): number;
  stats(): CacheStats;
  close(): void;
}
