import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { systemClock, type Clock } from "../clock";
import type { CacheStats, ResponseCache } from "./types";

const rate = (hits: number, misses: number) =>
  hits + misses === 0 ? 0 : Math.round((hits / (hits + misses)) * 1000) / 1000;

/** Hits, misses and $ saved of one task type not yet added to the counters table. */
interface PendingCount {
  hits: number;
  misses: number;
  savedUsd: number;
}

/** How long hit/miss counts wait in memory before they are added to the file. */
const COUNT_FLUSH_MS = 1_000;

/**
 * The AI response cache in one SQLite file (better-sqlite3, WAL). Every failure of the file —
 * missing directory that cannot be created, locked, corrupt, not a database — turns the cache
 * `degraded`: reads miss, writes are dropped, nothing throws, and health reports it. The router
 * then simply serves uncached.
 *
 * On the request path a lookup is one prepared SELECT (statements are prepared once): the hit
 * and miss counts are summed in memory and added to the `counters` table at most a second later
 * (and before `stats()` reads them, and on `close()`), instead of one write per lookup.
 */
export class SqliteResponseCache implements ResponseCache {
  private db: Database.Database | null = null;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly pending = new Map<string, PendingCount>();
  private flushTimer?: NodeJS.Timeout;
  status: "ok" | "degraded" = "ok";
  lastError?: string;

  constructor(
    readonly file: string,
    private readonly onDegraded: (err: unknown) => void = () => {},
    private readonly clock: Clock = systemClock,
  ) {
    this.guard(() => {
      mkdirSync(path.dirname(file), { recursive: true });
      const db = new Database(file, { timeout: 100 });
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.exec(`
        create table if not exists entries (
          key text primary key, task_type text not null, value text not null, bytes integer not null,
          cost_usd real not null, created_at integer not null, expires_at integer not null);
        create index if not exists entries_expires on entries(expires_at);
        create index if not exists entries_task on entries(task_type);
        create table if not exists counters (
          task_type text primary key, hits integer not null default 0, misses integer not null default 0, saved_usd real not null default 0);`);
      this.db = db;
    }, undefined);
  }

  private guard<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (err) {
      if (this.status === "ok") this.onDegraded(err);
      this.status = "degraded";
      this.lastError = (err as Error).message;
      try {
        this.db?.close();
      } catch {
        /* already unusable */
      }
      this.db = null;
      this.statements.clear();
      this.pending.clear();
      return fallback;
    }
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

  private count(taskType: string, hit: boolean, savedUsd: number): void {
    let p = this.pending.get(taskType);
    if (!p) this.pending.set(taskType, (p = { hits: 0, misses: 0, savedUsd: 0 }));
    if (hit) p.hits++;
    else p.misses++;
    p.savedUsd += savedUsd;
    this.flushTimer ??= setTimeout(() => this.flushCounts(), COUNT_FLUSH_MS).unref();
  }

  /** Adds the counts summed in memory to the counters table, in one transaction. */
  private flushCounts(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.db || this.pending.size === 0) return;
    const counts = [...this.pending];
    this.pending.clear();
    this.guard(() => {
      const add = this.sql(
        "insert into counters (task_type, hits, misses, saved_usd) values (?, ?, ?, ?) on conflict(task_type) do update set hits = hits + excluded.hits, misses = misses + excluded.misses, saved_usd = saved_usd + excluded.saved_usd",
      );
      this.db!.transaction(() => {
        for (const [taskType, c] of counts) add.run(taskType, c.hits, c.misses, c.savedUsd);
      })();
    }, undefined);
  }

  /** The stored value if present and fresh; counts a hit (and the $ it saved) or a miss. */
  get(key: string, taskType: string, now = this.clock.now().getTime()): string | null {
    return this.guard(() => {
      if (!this.db) return null;
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
    this.guard(() => {
      if (!this.db || entry.ttlSeconds <= 0) return;
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

  /** Deletes expired rows; returns how many. */
  cleanup(now = this.clock.now().getTime()): number {
    return this.guard(
      () => (this.db ? this.sql("delete from entries where expires_at <= ?").run(now).changes : 0),
      0,
    );
  }

  /** Deletes everything, or one task type; returns how many entries went. */
  clear(taskType?: string): number {
    return this.guard(() => {
      if (!this.db) return 0;
      return taskType
        ? this.db.prepare("delete from entries where task_type = ?").run(taskType).changes
        : this.db.prepare("delete from entries").run().changes;
    }, 0);
  }

  stats(): CacheStats {
    const empty: CacheStats = {
      entries: 0,
      bytes: 0,
      hits: 0,
      misses: 0,
      hitRate: 0,
      savedUsd: 0,
      byTaskType: {},
    };
    this.flushCounts();
    return this.guard(() => {
      if (!this.db) return empty;
      const sizes = this.db
        .prepare(
          "select task_type, count(*) n, coalesce(sum(bytes), 0) b from entries group by task_type",
        )
        .all() as { task_type: string; n: number; b: number }[];
      const counters = this.db
        .prepare("select task_type, hits, misses, saved_usd from counters")
        .all() as { task_type: string; hits: number; misses: number; saved_usd: number }[];
      const byTaskType: CacheStats["byTaskType"] = {};
      const slot = (t: string) =>
        (byTaskType[t] ??= { entries: 0, bytes: 0, hits: 0, misses: 0, hitRate: 0, savedUsd: 0 });
      for (const s of sizes) Object.assign(slot(s.task_type), { entries: s.n, bytes: s.b });
      for (const c of counters)
        Object.assign(slot(c.task_type), {
          hits: c.hits,
          misses: c.misses,
          hitRate: rate(c.hits, c.misses),
          savedUsd: c.saved_usd,
        });
      const total = Object.values(byTaskType).reduce(
        (a, t) => ({
          entries: a.entries + t.entries,
          bytes: a.bytes + t.bytes,
          hits: a.hits + t.hits,
          misses: a.misses + t.misses,
          savedUsd: a.savedUsd + t.savedUsd,
        }),
        { entries: 0, bytes: 0, hits: 0, misses: 0, savedUsd: 0 },
      );
      return { ...total, hitRate: rate(total.hits, total.misses), byTaskType };
    }, empty);
  }

  close(): void {
    this.flushCounts();
    this.guard(() => this.db?.close(), undefined);
    this.db = null;
    this.statements.clear();
  }
}
