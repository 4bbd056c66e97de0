import { openSync, readdirSync, readFileSync, writeFileSync, writeSync, closeSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteResponseCache } from "@/lib/cache/sqlite-cache";
import { fixedClock } from "@/lib/clock";
import { cacheCheck } from "@/lib/monitoring/health";
import { sizeOf, tmpCacheFile } from "../helpers/cache-files";

// Real SQLite files made unreadable from outside: garbage for the whole file, or garbage over
// every page but the first (the header and schema intact, so the file still opens).
const GARBAGE = "this is not a sqlite database at all, just garbage bytes ".repeat(200);
const entry = (value: string) => ({ taskType: "code", value, ttlSeconds: 3600, costUsd: 0.01 });
const quarantinedNextTo = (file: string) =>
  readdirSync(path.dirname(file))
    .filter((n) => n.startsWith(`${path.basename(file)}.corrupt-`))
    .sort();

let caches: SqliteResponseCache[] = [];
const open = (...args: ConstructorParameters<typeof SqliteResponseCache>) => {
  const c = new SqliteResponseCache(...args);
  caches.push(c);
  return c;
};
afterEach(() => {
  for (const c of caches) c.close();
  caches = [];
});

describe("response cache: a corrupt file is quarantined and a fresh one started", () => {
  it("a file that is not a database is renamed aside to <file>.corrupt-<timestamp>, kept as it was, and a fresh cache works at once", () => {
    const file = tmpCacheFile();
    writeFileSync(file, GARBAGE);
    const moved: string[] = [];
    const cache = open(
      file,
      { quarantined: (to) => moved.push(to) },
      fixedClock("2026-12-03T12:00:00.123Z"),
    );
    const aside = `${file}.corrupt-2026-12-03T12-00-00-123Z`;
    expect(moved).toEqual([aside]);
    expect(readFileSync(aside, "utf8")).toBe(GARBAGE);
    expect(cache.status).toBe("ok");
    expect(cacheCheck(cache)).toEqual({ status: "ok", quarantined: 1, corruptEntries: 0 });
    expect(cache.lastQuarantined).toBe(aside);
    cache.set("k", entry("answer"));
    expect(cache.get("k", "code")).toBe("answer");
  });

  it("damaged pages found by a lookup (database disk image is malformed) quarantine the file there and then; the next lookups use a fresh one", () => {
    const file = tmpCacheFile();
    const before = open(file);
    for (let i = 0; i < 20; i++) before.set(`k${i}`, entry(`answer ${i} `.repeat(500)));
    before.close(); // checkpointed: everything is in the main file
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(sizeOf(file) - 4096, "garbage!"), 0, undefined, 4096);
    closeSync(fd);
    const cache = open(file);
    expect(cache.status).toBe("ok"); // page 1 (header, schema) is intact: it opens
    expect(cache.get("k1", "code")).toBeNull();
    expect(quarantinedNextTo(file)).toHaveLength(1);
    expect(cacheCheck(cache)).toEqual({ status: "ok", quarantined: 1, corruptEntries: 0 });
    cache.set("k1", entry("fresh"));
    expect(cache.get("k1", "code")).toBe("fresh");
    expect(cache.stats()).toMatchObject({ entries: 1 });
  });

  it("keeps the 3 newest quarantined files and deletes older ones", () => {
    const file = tmpCacheFile();
    const clock = fixedClock("2026-12-03T12:00:00.000Z");
    for (let i = 1; i <= 5; i++) {
      writeFileSync(file, `${GARBAGE} #${i}`);
      clock.set(`2026-12-03T12:00:0${i}.000Z`);
      open(file, {}, clock).close();
    }
    const kept = quarantinedNextTo(file);
    expect(kept).toEqual([3, 4, 5].map((i) => `cache.sqlite.corrupt-2026-12-03T12-00-0${i}-000Z`));
    expect(kept.map((n) => readFileSync(path.join(path.dirname(file), n), "utf8"))).toEqual(
      [3, 4, 5].map((i) => `${GARBAGE} #${i}`),
    );
  });
});
