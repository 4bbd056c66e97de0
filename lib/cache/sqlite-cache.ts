import "server-only";
import { CacheFile } from "./cache-file";
import { entryChecksum, verified } from "./checksum";
import { PendingCounts } from "./counters";
import { tally } from "./tally";
import type { CacheStats, ResponseCache } from "./types";

export type { CacheEvents } from "./cache-file";

/** How long hit/miss counts wait in memory before they are added to the file. */
const COUNT_FLUSH_MS = 1_000;

/** Bad entries waiting to be deleted at most; beyond it they are found (and missed) again later. */
const MAX_DOOMED = 10_000;

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
 *
 * Every entry carries a checksum of its key and value (lib/cache/checksum.ts). One that does not
 * match — changed in place, which SQLite cannot see — is a miss and a counted corruption
 * (`corruptEntries`), and is deleted with the next count write, if it is still bad then.
 */
export class SqliteResponseCache extends CacheFile implements ResponseCache {
  private readonly pending = new PendingCounts();
  /** Keys whose stored entry failed its checksum, to delete with the next count write. */
  private readonly doomed = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  /** Entries that failed their checksum since start (served as misses, deleted). */
  corruptEntries = 0;

  protected probe(): boolean {
    return this.writeCounts(true);
  }

  private count(taskType: string, hit: boolean, savedUsd: number): void {
    this.pending.add(taskType, { hits: hit ? 1 : 0, misses: hit ? 0 : 1, savedUsd });
    this.flushTimer ??= setTimeout(() => this.flush(), COUNT_FLUSH_MS).unref();
  }

  /** A stored entry that is not what was written: a miss, counted once, deleted later. */
  private reject(key: string, row: { checksum: string | null }): void {
    if (this.doomed.has(key) || this.doomed.size >= MAX_DOOMED) return;
    this.doomed.add(key);
    if (row.checksum !== null) this.corruptEntries++; // no checksum: written by older code
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    // While writes fail the counts wait in memory: the retry writes them.
    if (this.db && !this.writesFailing) this.writeCounts();
  }

  /**
   * Adds the counts waiting in memory to the counters table and deletes the entries that failed
   * their checksum (unless rewritten since), in one transaction, with a probe row when `probe`.
   * On failure the counts stay in memory and writes pause; false.
   */
  private writeCounts(probe = false): boolean {
    if (this.pending.size === 0 && this.doomed.size === 0 && !probe) return true;
    const counts = this.pending.take();
    try {
      const add = this.sql(UPSERT_COUNTS);
      const stored = this.sql("select value, checksum from entries where key = ?");
      const remove = this.sql("delete from entries where key = ?");
      this.db!.transaction(() => {
        for (const [taskType, c] of counts) add.run(taskType, c.hits, c.misses, c.savedUsd);
        for (const key of this.doomed) {
          const row = stored.get(key) as { value: string; checksum: string | null } | undefined;
          if (row && !verified(key, row)) remove.run(key);
        }
        if (probe)
          this.sql("insert or replace into meta (key, value) values ('written_at', ?)").run(
            String(this.clock.now().getTime()),
          );
      })();
      this.doomed.clear();
      return true;
    } catch (err) {
      this.pending.restore(counts);
      this.writeFault(err);
      return false;
    }
  }

  /**
   * The stored value if present, fresh and as written (its checksum matches); counts a hit (and
   * the $ it saved) or a miss.
   */
  get(key: string, taskType: string, now = this.clock.now().getTime()): string | null {
    return this.read(() => {
      const row = this.sql(
        "select value, cost_usd, checksum from entries where key = ? and expires_at > ?",
      ).get(key, now) as { value: string; cost_usd: number; checksum: string | null } | undefined;
      const hit = row !== undefined && verified(key, row);
      if (row && !hit) this.reject(key, row);
      this.count(taskType, hit, hit ? row.cost_usd : 0);
      return hit ? row.value : null;
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
        "insert or replace into entries (key, task_type, value, bytes, cost_usd, created_at, expires_at, checksum) values (?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        key,
        entry.taskType,
        entry.value,
        Buffer.byteLength(entry.value),
        entry.costUsd,
        now,
        now + entry.ttlSeconds * 1000,
        entryChecksum(key, entry.value),
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
