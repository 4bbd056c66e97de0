import "server-only";
import type Database from "better-sqlite3";
import { systemClock, type Clock } from "../clock";
import { PendingCounts } from "./counters";
import { Healer } from "./heal";
import { openCacheDb } from "./schema";
import { tally } from "./tally";
import type { CacheStats, ResponseCache } from "./types";

/** How long hit/miss counts wait in memory before they are added to the file. */
const COUNT_FLUSH_MS = 1_000;

const UPSERT_COUNTS =
  "insert into counters (task_type, hits, misses, saved_usd) values (?, ?, ?, ?) on conflict(task_type) do update set hits = hits + excluded.hits, misses = misses + excluded.misses, saved_usd = saved_usd + excluded.saved_usd";

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What the cache tells its owner (the log), once per change of state. */
export interface CacheEvents {
  /** The file cannot be opened or read: served uncached until a retry reopens it. */
  degraded?(err: unknown): void;
  /** Writes fail (locked, disk full): hits go on, new answers are dropped until a retry writes. */
  writesFailing?(err: unknown): void;
  /** A retry worked: reads and writes are back. */
  healed?(): void;
}

/**
 * The AI response cache in one SQLite file (better-sqlite3, WAL). Nothing throws to its callers.
 *
 * A lookup is one prepared SELECT and never writes: hit and miss counts are summed in memory and
 * added to the `counters` table at most a second later, in one transaction (and on `close()`);
 * `stats()` adds the ones still in memory. So another process's write lock or a full disk stops
 * only writes: they are dropped (`writesFailing`) while lookups go on hitting, and a failing
 * count write loses no count. A file that cannot be opened or read makes the cache `degraded`
 * (lookups miss, writes are dropped). Either way a retry — a fresh connection and a write —
 * runs 250 ms later, backing off to every 30 s, until it works and the cache is whole again.
 */
export class SqliteResponseCache implements ResponseCache {
  private db: Database.Database | null = null;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly pending = new PendingCounts();
  private flushTimer?: NodeJS.Timeout;
  private readonly healer = new Healer(() => this.heal());
  private closed = false;
  status: "ok" | "degraded" = "ok";
  writesFailing = false;
  lastError?: string;

  constructor(
    readonly file: string,
    private readonly events: CacheEvents = {},
    private readonly clock: Clock = systemClock,
  ) {
    if (!this.open()) this.retry();
  }

  /** Opens the file; when that fails the cache is degraded. */
  private open(): boolean {
    try {
      this.db = openCacheDb(this.file);
      this.status = "ok";
      return true;
    } catch (err) {
      this.degrade(err);
      return false;
    }
  }

  private degrade(err: unknown): void {
    this.lastError = message(err);
    this.drop();
    if (this.status === "ok") this.events.degraded?.(err);
    this.status = "degraded";
  }

  /** Closes the connection, if any (an unusable one may fail to close). */
  private drop(): void {
    try {
      this.db?.close();
    } catch {
      /* already unusable */
    }
    this.db = null;
    this.statements.clear();
  }

  private retry(): void {
    if (!this.closed) this.healer.schedule();
  }

  /** A lookup failed: the file cannot be read, so the cache is degraded until a retry reopens it. */
  private readFault(err: unknown): void {
    this.degrade(err);
    this.retry();
  }

  /** A write failed: writes pause (lookups go on) until a retry's write goes through. */
  private writeFault(err: unknown): void {
    this.lastError = message(err);
    if (!this.writesFailing) this.events.writesFailing?.(err);
    this.writesFailing = true;
    this.retry();
  }

  /**
   * One retry: a fresh connection (whatever state a failed write left the old one in), then the
   * counts waiting in memory and a probe row written in one transaction. True when both worked.
   */
  private heal(): boolean {
    if (this.closed) return true;
    this.drop();
    if (!this.open() || !this.writeCounts(true)) return false;
    this.writesFailing = false;
    this.lastError = undefined;
    this.events.healed?.();
    return true;
  }

  /** The statement for `text`, prepared on first use (preparing costs more than running it). */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db!.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private read<T>(fn: () => T, fallback: T): T {
    if (!this.db) return fallback;
    try {
      return fn();
    } catch (err) {
      this.readFault(err);
      return fallback;
    }
  }

  private write<T>(fn: () => T, fallback: T): T {
    if (!this.db || this.writesFailing) return fallback;
    try {
      return fn();
    } catch (err) {
      this.writeFault(err);
      return fallback;
    }
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
    this.closed = true;
    this.healer.stop();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    // One last try even while writes fail: counts still in memory are lost otherwise.
    if (this.db) this.writeCounts();
    this.drop();
  }
}
