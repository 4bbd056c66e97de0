import "server-only";
import { CacheFile } from "./cache-file";
import { PendingCounts } from "./counters";
import { tally } from "./tally";
import type { CacheStats, ResponseCache } from "./types";

export type { CacheEvents } from "./cache-file";

/** How long hit/miss counts wait in memory before they are added to the file. */
const COUNT_FLUSH_MS = 1_000;

const UPSERT_COUNTS =
  "insert into counters (task_type, hits, misses, saved_usd) values (?, ?, ?, ?) on conflict(task_type) do update set hits = hits + excluded.hits, misses = misses + excluded.misses, saved_usd = saved_usd + excluded.saved_usd";

/**
 * The AI response cache in one SQLite file (better-sqlite3, WAL); its faults and how it heals
 * from them are CacheFile's. Nothing throws to its callers.
 *
 * A lookup is one prepared SELECT and never writes: hit and miss counts are summed in memory and
 * added to the `counters` table at most a second later, in one transaction (and on `close()`);
 * `stats()` adds the ones still in memory. So another process's write lock or a full disk stops
 * only writes, and a failing count write loses no count: they wait for the retry that writes them.
 */
export class SqliteResponseCache extends CacheFile implements ResponseCache {
  private readonly pending = new PendingCounts();
  private flushTimer?: NodeJS.Timeout;

  protected probe(): boolean {
    return this.writeCounts(true);
  }

  private count(taskType: string, hit: boolean, savedUsd: number): void {
    this.pending.add(taskType, { hits: hit ? 1 : 0, misses: hit ? 0 : 1, savedUsd });
    this.flushTimer ??= setTimeout(() => this.flush(), COUNT_FLUSH_MS).unref();
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    // While writes fail the counts wait in memory: the retry writes them.
    if (this.db && !this.writesFailing) this.writeCounts();
  }

  /**
   * Adds the counts waiting in memory to the counters table in one transaction (with a probe row
   * when `probe`). On failure they stay in memory and writes pause; false.
   */
  private writeCounts(probe = false): boolean {
    if (this.pending.size === 0 && !probe) return true;
    const counts = this.pending.take();
    try {
      const add = this.sql(UPSERT_COUNTS);
      this.db!.transaction(() => {
        for (const [taskType, c] of counts) add.run(taskType, c.hits, c.misses, c.savedUsd);
        if (probe)
          this.sql("insert or replace into meta (key, value) values ('written_at', ?)").run(
            String(this.clock.now().getTime()),
          );
      })();
      return true;
    } catch (err) {
      this.pending.restore(counts);
      this.writeFault(err);
      return false;
    }
  }

  /** The stored value if present and fresh; counts a hit (and the $ it saved) or a miss. */
  get(key: string, taskType: string, now = this.clock.now().getTime()): string | null {
    return this.read(() => {
      const row = this.sql(
        "select value, cost_usd from entries where key = ? and expires_at > ?",
      ).get(key, now) as { value: string; cost_usd: number } | undefined;
      this.count(taskType, row !== undefined, row?.cost_usd ?? 0);
      return row?.value ?? null;
    }, null);
  }

  set(
    key: string,
    entry: { taskType: string; value: string; ttlSeconds: number; costUsd: number },
    now = this.clock.now().getTime(),
  ): void {
    if (entry.ttlSeconds <= 0) return;
    this.write(() => {
      this.sql(
        "insert or replace into entries (key, task_type, value, bytes, cost_usd, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)",
      ).run(
        key,
        entry.taskType,
        entry.value,
        Buffer.byteLength(entry.value),
        entry.costUsd,
        now,
        now + entry.ttlSeconds * 1000,
      );
    }, undefined);
  }

  /** Deletes expired rows; returns how many (0 while writes fail). */
  cleanup(now = this.clock.now().getTime()): number {
    return this.write(
      () => this.sql("delete from entries where expires_at <= ?").run(now).changes,
      0,
    );
  }

  /** Deletes everything, or one task type; returns how many entries went (0 while writes fail). */
  clear(taskType?: string): number {
    return this.write(
      () =>
        taskType
          ? this.sql("delete from entries where task_type = ?").run(taskType).changes
          : this.sql("delete from entries").run().changes,
      0,
    );
  }

  /** Counts include those still in memory; nothing is written to read them. */
  stats(): CacheStats {
    return this.read(
      () => tally(this.db, this.pending.entries()),
      tally(null, this.pending.entries()),
    );
  }

  close(): void {
    this.stopRetrying();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    // One last try even while writes fail: counts still in memory are lost otherwise.
    if (this.db) this.writeCounts();
    this.drop();
  }
}
