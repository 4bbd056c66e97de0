import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheKey } from "@/lib/cache/key";
import { cacheDecision } from "@/lib/cache/policy";
import { SqliteResponseCache } from "@/lib/cache/sqlite-cache";

const tmpFile = () =>
  path.join(mkdtempSync(path.join(os.tmpdir(), "aios-cache-")), "nested", "cache.sqlite");
const HOUR = 3_600_000;

describe("cache keys", () => {
  const base = {
    tenant: "user-a",
    taskType: "code",
    route: "gpt-4o",
    messages: [
      { role: "system", content: "be terse" },
      { role: "user", content: "hi" },
    ],
    params: { temperature: 0, max_tokens: 10 },
  };

  it("ignore key order but nothing else", () => {
    expect(cacheKey(base)).toBe(cacheKey({ ...base, params: { max_tokens: 10, temperature: 0 } }));
    expect(cacheKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["another tenant", { tenant: "user-b" }],
    ["another task type", { taskType: "chat" }],
    ["another route", { route: "claude-3-5-haiku-latest" }],
    [
      "another system prompt",
      {
        messages: [
          { role: "system", content: "be verbose" },
          { role: "user", content: "hi" },
        ],
      },
    ],
    ["other params", { params: { temperature: 0.2, max_tokens: 10 } }],
  ])("differ for %s", (_name, change) => {
    expect(cacheKey({ ...base, ...change })).not.toBe(cacheKey(base));
  });
});

describe("cache policy", () => {
  it.each([
    [{ taskType: "code" as const }, { read: true, write: true, ttlSeconds: 604_800 }],
    [{ taskType: "chat" as const }, { read: true, write: true, ttlSeconds: 3_600 }],
    [{ taskType: "creative" as const }, { read: false, write: false }],
    [
      { taskType: "chat" as const, temperature: 0.9 },
      { read: false, write: false },
    ],
    [
      { taskType: "chat" as const, temperature: 0.9, mode: "force" as const },
      { read: true, write: true },
    ],
    [
      { taskType: "code" as const, mode: "bypass" as const },
      { read: false, write: false },
    ],
    [
      { taskType: "code" as const, mode: "refresh" as const },
      { read: false, write: true },
    ],
    [{ taskType: "chat" as const, ttl: { chat: 60 } }, { ttlSeconds: 60 }],
  ])("%j", (input, expected) => {
    expect(cacheDecision(input)).toMatchObject(expected);
  });
});

describe("SqliteResponseCache", () => {
  it("stores, serves until expiry, and uses WAL", () => {
    const file = tmpFile();
    const cache = new SqliteResponseCache(file);
    expect(cache.status).toBe("ok");
    cache.set(
      "k1",
      { taskType: "code", value: '{"text":"answer"}', ttlSeconds: 3600, costUsd: 0.002 },
      0,
    );
    expect(cache.get("k1", "code", HOUR - 1)).toBe('{"text":"answer"}');
    expect(cache.get("k1", "code", HOUR)).toBeNull(); // expired
    expect(new Database(file).pragma("journal_mode", { simple: true })).toBe("wal");
    cache.close();
  });

  it("keeps stats per task type: entries, bytes, hits, misses, hit rate, $ saved", () => {
    const cache = new SqliteResponseCache(tmpFile());
    cache.set("a", { taskType: "code", value: "xxxx", ttlSeconds: 60, costUsd: 0.01 }, 0);
    cache.set("b", { taskType: "chat", value: "yy", ttlSeconds: 60, costUsd: 0.5 }, 0);
    cache.get("a", "code", 1);
    cache.get("a", "code", 2);
    cache.get("missing", "code", 3);
    cache.get("missing", "chat", 4);
    const stats = cache.stats();
    expect(stats).toMatchObject({ entries: 2, bytes: 6, hits: 2, misses: 2, hitRate: 0.5 });
    expect(stats.savedUsd).toBeCloseTo(0.02, 10);
    expect(stats.byTaskType.code).toMatchObject({
      entries: 1,
      bytes: 4,
      hits: 2,
      misses: 1,
      hitRate: 0.667,
    });
    expect(stats.byTaskType.chat).toMatchObject({ entries: 1, hits: 0, misses: 1, hitRate: 0 });
  });

  it("cleanup removes only expired rows; clear removes all or one task type", () => {
    const cache = new SqliteResponseCache(tmpFile());
    cache.set("old", { taskType: "chat", value: "1", ttlSeconds: 1, costUsd: 0 }, 0);
    cache.set("new", { taskType: "chat", value: "2", ttlSeconds: 3600, costUsd: 0 }, 0);
    cache.set("code", { taskType: "code", value: "3", ttlSeconds: 3600, costUsd: 0 }, 0);
    expect(cache.cleanup(5_000)).toBe(1);
    expect(cache.clear("chat")).toBe(1);
    expect(cache.stats().entries).toBe(1);
    expect(cache.clear()).toBe(1);
    expect(cache.stats().entries).toBe(0);
  });

  it("never stores with a zero TTL", () => {
    const cache = new SqliteResponseCache(tmpFile());
    cache.set("c", { taskType: "creative", value: "poem", ttlSeconds: 0, costUsd: 0 }, 0);
    expect(cache.get("c", "creative", 1)).toBeNull();
  });

  // A corrupt file is no longer degraded but renamed aside: tests/integration/cache-quarantine.test.ts.
  it("a path that cannot be created makes it degraded: misses, dropped writes, no throw", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aios-cache-"));
    const blocker = path.join(dir, "a-file");
    writeFileSync(blocker, "");
    // Under a regular file no directory can be created (ENOTDIR).
    const file = path.join(blocker, "sub", "cache.sqlite");
    const reasons: unknown[] = [];
    const cache = new SqliteResponseCache(file, { degraded: (err) => reasons.push(err) });
    cache.set("k", { taskType: "code", value: "v", ttlSeconds: 60, costUsd: 0 });
    expect(cache.get("k", "code")).toBeNull();
    expect(cache.status).toBe("degraded");
    expect(cache.stats()).toMatchObject({ entries: 0, hits: 0 });
    expect(cache.cleanup()).toBe(0);
    expect(reasons).toHaveLength(1); // reported once
    expect(cache.lastError).toBeTruthy();
    cache.close(); // stops its retries
  });
});
