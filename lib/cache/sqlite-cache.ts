import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { systemClock, type Clock } from "../clock";
import type { CacheStats, ResponseCache } from "./types";

const rate = (hits: number, misses: number) =>
  hits + misses === 0 ? 0 : Math.round((hits / (hits + misses)) * 1000) / 1000;

/**
 * The AI response cache in one SQLite file (better-sqlite3, WAL). Every failure of the file —
 * missing directory that cannot be created, locked, corrupt, not a database — turns the cache
 * `degraded`: reads miss, writes are dropped, nothing throws, and health reports it. The router
 * then simply serves uncached.
 */
export class SqliteResponseCache implements ResponseCache {
  private db: Database.Database | null = null;
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
      return fallback;
    }
  }

  private count(taskType: string, column: "hits" | "misses", savedUsd = 0): void {
    this.db!.prepare(
      `insert into counters (task_type, ${column}, saved_usd) values (?, 1, ?) on conflict(task_type) do update set ${column} = ${column} + 1, saved_usd = saved_usd + excluded.saved_usd`,
    ).run(taskType, savedUsd);
  }

  /** The stored value if present and fresh; counts a hit (and the $ it saved) or a miss. */
  get(key: string, taskType: string, now = this.clock.now().getTime()): string | null {
    return this.guard(() => {
      if (!this.db) return null;
      const row = this.db
        .prepare("select value, cost_usd from entries where key = ? and expires_at > ?")
        .get(key, now) as { value: string; cost_usd: number } | undefined;
      this.count(taskType, row ? "hits" : "misses", row?.cost_usd ?? 0);
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
      this.db
        .prepare(
          "insert or replace into entries (key, task_type, value, bytes, cost_usd, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
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
      () =>
        this.db ? this.db.prepare("delete from entries where expires_at <= ?").run(now).changes : 0,
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
    this.guard(() => this.db?.close(), undefined);
    this.db = null;
  }
}
