import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteResponseCache } from "@/lib/cache/sqlite-cache";
import { cacheCheck } from "@/lib/monitoring/health";
import {
  holdExclusiveLock,
  limitFileSize,
  sizeOf,
  sleep,
  tmpCacheFile,
  waitUntil,
} from "../helpers/cache-files";

// Real SQLite files in temp directories, faults made from outside: another process's lock, a
// file-size limit, a directory that cannot be made. Nothing here calls the cache to heal it.
const WRITES_FAILING = {
  status: "degraded",
  error: "cache writes failing (locked or disk full); hits are served, new answers are not stored",
  quarantined: 0,
  corruptEntries: 0,
};
const entry = (value: string) => ({ taskType: "code", value, ttlSeconds: 3600, costUsd: 0.01 });

let cache: SqliteResponseCache | undefined;
afterEach(() => {
  cache?.close();
  cache = undefined;
});

describe("response cache: transient faults heal by themselves", () => {
  it("under another process's 2 s exclusive lock hits are served (a lookup writes nothing), writes are dropped, and health is ok again by itself after the release", async () => {
    const file = tmpCacheFile();
    cache = new SqliteResponseCache(file);
    cache.set("k", entry("answer"));
    const lock = await holdExclusiveLock(file, 2000);
    const lockedAt = performance.now();
    const lookups: number[] = [];
    let hits = 0;
    // 1.5 s of lookups: past the 1 s flush of the hit counters, which fails under the lock.
    while (performance.now() - lockedAt < 1500) {
      const t = performance.now();
      if (cache.get("k", "code") === "answer") hits++;
      lookups.push(performance.now() - t);
      await sleep(50);
    }
    expect(hits).toBe(lookups.length);
    // A write would wait the 100 ms busy timeout; a lookup never waits on the lock.
    expect(Math.max(...lookups)).toBeLessThan(50);
    expect(cache.status).toBe("ok");
    cache.set("k2", entry("second"));
    expect(cacheCheck(cache)).toEqual(WRITES_FAILING);
    expect(cache.get("k", "code")).toBe("answer");
    expect(cache.get("k2", "code")).toBeNull();

    await lock.released;
    const healedMs = await waitUntil(() => cacheCheck(cache!).status === "ok", 5000);
    expect(healedMs).toBeLessThan(5000);
    expect(cacheCheck(cache)).toEqual({ status: "ok", quarantined: 0, corruptEntries: 0 });
    cache.set("k2", entry("second"));
    expect(cache.get("k2", "code")).toBe("second");
    // The counts made during the lock waited in memory; none was lost.
    expect(cache.stats()).toMatchObject({ hits: hits + 2, misses: 1 });
    cache.close();
    const reopened = new SqliteResponseCache(file);
    expect(reopened.stats()).toMatchObject({ entries: 2, hits: hits + 2, misses: 1 });
    reopened.close();
  });

  it("when writes fail for want of space (a file-size limit) hits go on, the answer is dropped, and it is ok again by itself once there is room", async () => {
    const file = tmpCacheFile();
    cache = new SqliteResponseCache(file);
    cache.set("small", entry("answer"));
    const big = "x".repeat(1_000_000);
    limitFileSize(Math.max(sizeOf(file), sizeOf(`${file}-wal`)) + 16_384);
    try {
      cache.set("big", entry(big));
      expect(cacheCheck(cache)).toEqual(WRITES_FAILING);
      expect(cache.status).toBe("ok");
      expect(cache.get("small", "code")).toBe("answer");
      expect(cache.get("big", "code")).toBeNull();
    } finally {
      limitFileSize("unlimited");
    }
    await waitUntil(() => cacheCheck(cache!).status === "ok", 5000);
    cache.set("big", entry(big));
    expect(cache.get("big", "code")).toBe(big);
    expect(cacheCheck(cache)).toEqual({ status: "ok", quarantined: 0, corruptEntries: 0 });
  });

  it("a cache whose directory cannot be made is degraded (served uncached) and opens by itself once it can", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "aios-cache-"));
    const blocker = path.join(dir, "state");
    writeFileSync(blocker, ""); // a regular file where the directory should be: ENOTDIR
    const file = path.join(blocker, "cache.sqlite");
    const reasons: unknown[] = [];
    cache = new SqliteResponseCache(file, { degraded: (err) => reasons.push(err) });
    expect(cacheCheck(cache)).toEqual({
      status: "degraded",
      error: "cache file unusable; answers are served uncached",
      quarantined: 0,
      corruptEntries: 0,
    });
    cache.set("k", entry("answer"));
    expect(cache.get("k", "code")).toBeNull();
    await sleep(600); // two retries fail while the blocker is there; reported once
    expect(cache.status).toBe("degraded");
    expect(reasons).toHaveLength(1);
    rmSync(blocker);
    mkdirSync(blocker);
    await waitUntil(() => cache!.status === "ok", 5000);
    expect(cacheCheck(cache)).toEqual({ status: "ok", quarantined: 0, corruptEntries: 0 });
    cache.set("k", entry("answer"));
    expect(cache.get("k", "code")).toBe("answer");
  });
});
