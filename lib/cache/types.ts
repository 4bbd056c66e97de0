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
 * services report, clean up and clear, health reads the status. It never throws: a cache whose
 * file cannot be read turns `degraded` (the router then serves uncached); one that can be read
 * but not written (locked, disk full) keeps serving hits with `writesFailing`. Either retries
 * by itself and comes back.
 */
export interface ResponseCache {
  readonly status: "ok" | "degraded";
  /** Writes are being dropped for now (another process's lock, a full disk); lookups still hit. */
  readonly writesFailing: boolean;
  /** Corrupt files renamed aside (`<file>.corrupt-<time>`, newest 3 kept) since start. */
  readonly quarantined: number;
  readonly lastQuarantined?: string;
  /** Entries whose checksum did not match since start: served as misses and deleted. */
  readonly corruptEntries: number;
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
