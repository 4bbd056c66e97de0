import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteResponseCache } from "@/lib/cache/sqlite-cache";
import { cacheCheck } from "@/lib/monitoring/health";
import { tmpCacheFile } from "../helpers/cache-files";

// Real SQLite files changed behind the cache's back through a second connection, as a stray
// script, a bad restore or a bit flip that SQLite's own page checks do not see would.
const ANSWER = '{"text":"The capital of France is Paris."}';
const EDITED = '{"text":"The capital of France is Lyon!."}';
const entry = (value: string) => ({ taskType: "chat", value, ttlSeconds: 3600, costUsd: 0.01 });

let cache: SqliteResponseCache | undefined;
const others: Database.Database[] = [];
const connect = (file: string) => {
  const db = new Database(file);
  others.push(db);
  return db;
};
afterEach(() => {
  cache?.close();
  cache = undefined;
  for (const db of others.splice(0)) db.close();
});

describe("response cache: every entry is verified before it is served", () => {
  it("an answer edited in place (same length, SQLite's integrity check passes) is a miss and a counted corruption, and the bad entry is deleted", () => {
    expect(EDITED).toHaveLength(ANSWER.length);
    const file = tmpCacheFile();
    cache = new SqliteResponseCache(file);
    cache.set("k", entry(ANSWER));
    expect(cache.get("k", "chat")).toBe(ANSWER);
    const other = connect(file);
    expect(other.prepare("update entries set value = ? where key = 'k'").run(EDITED).changes).toBe(
      1,
    );
    expect(other.pragma("integrity_check", { simple: true })).toBe("ok");

    expect(cache.get("k", "chat")).toBeNull();
    expect(cache.get("k", "chat")).toBeNull(); // the same bad entry counts once
    expect(cache.corruptEntries).toBe(1);
    expect(cacheCheck(cache)).toEqual({ status: "ok", quarantined: 0, corruptEntries: 1 });
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2 });
    cache.close(); // the deletion goes with the counts, in the flush
    cache = undefined;
    expect(other.prepare("select count(*) n from entries where key = 'k'").get()).toEqual({
      n: 0,
    });
  });

  it("a fresh answer stored after the miss is kept and served", () => {
    const file = tmpCacheFile();
    cache = new SqliteResponseCache(file);
    cache.set("k", entry(ANSWER));
    connect(file).prepare("update entries set value = ? where key = 'k'").run(EDITED);
    expect(cache.get("k", "chat")).toBeNull();
    cache.set("k", entry(ANSWER)); // what the router does after a miss
    cache.close();
    cache = new SqliteResponseCache(file);
    expect(cache.get("k", "chat")).toBe(ANSWER);
    expect(cache.corruptEntries).toBe(0);
  });

  it("a cache file from before checksums is migrated: its entries are dropped (misses), its counters kept, new entries verified", () => {
    const file = tmpCacheFile();
    const old = connect(file);
    old.pragma("journal_mode = WAL");
    // The schema as the first release created it (user_version 0).
    old.exec(`
      create table entries (
        key text primary key, task_type text not null, value text not null, bytes integer not null,
        cost_usd real not null, created_at integer not null, expires_at integer not null);
      create index entries_expires on entries(expires_at);
      create index entries_task on entries(task_type);
      create table counters (
        task_type text primary key, hits integer not null default 0, misses integer not null default 0, saved_usd real not null default 0);
      insert into entries values ('k', 'chat', '${ANSWER}', ${ANSWER.length}, 0.01, 0, 9e15);
      insert into counters values ('chat', 7, 3, 0.07);`);
    cache = new SqliteResponseCache(file);
    expect(old.pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(2);
    expect((old.pragma("table_info(entries)") as { name: string }[]).map((c) => c.name)).toContain(
      "checksum",
    );
    expect(cache.stats()).toMatchObject({ entries: 0, hits: 7, misses: 3 });
    expect(cache.get("k", "chat")).toBeNull();
    // A row without a checksum (another process on the old code) is a miss, not a corruption.
    old
      .prepare(
        "insert into entries (key, task_type, value, bytes, cost_usd, created_at, expires_at) values ('legacy', 'chat', ?, 1, 0, 0, 9e15)",
      )
      .run(ANSWER);
    expect(cache.get("legacy", "chat")).toBeNull();
    expect(cache.corruptEntries).toBe(0);
    cache.set("k", entry(ANSWER));
    expect(cache.get("k", "chat")).toBe(ANSWER);
    cache.close();
    cache = undefined;
    expect(old.prepare("select key from entries").all()).toEqual([{ key: "k" }]);
  });
});
