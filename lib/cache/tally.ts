import type Database from "better-sqlite3";
import { sum, type Count } from "./counters";
import type { CacheStats } from "./types";

const rate = (hits: number, misses: number) =>
  hits + misses === 0 ? 0 : Math.round((hits / (hits + misses)) * 1000) / 1000;

/**
 * The stats: entries and bytes from the file, counts from its counters table plus those still
 * in memory (`pending`), so they are right without writing anything first. `db` null (the file
 * unusable) gives the counts in memory only.
 */
export function tally(
  db: Database.Database | null,
  pending: Iterable<[string, Count]>,
): CacheStats {
  const sizes = db
    ? (db
        .prepare(
          "select task_type, count(*) n, coalesce(sum(bytes), 0) b from entries group by task_type",
        )
        .all() as { task_type: string; n: number; b: number }[])
    : [];
  const stored = db
    ? (db.prepare("select task_type, hits, misses, saved_usd from counters").all() as {
        task_type: string;
        hits: number;
        misses: number;
        saved_usd: number;
      }[])
    : [];
  const byTaskType: CacheStats["byTaskType"] = {};
  const slot = (t: string) =>
    (byTaskType[t] ??= { entries: 0, bytes: 0, hits: 0, misses: 0, hitRate: 0, savedUsd: 0 });
  const count = (t: string, c: Count) => {
    const s = slot(t);
    Object.assign(s, sum(s, c));
    s.hitRate = rate(s.hits, s.misses);
  };
  for (const s of sizes) Object.assign(slot(s.task_type), { entries: s.n, bytes: s.b });
  for (const c of stored)
    count(c.task_type, { hits: c.hits, misses: c.misses, savedUsd: c.saved_usd });
  for (const [t, c] of pending) count(t, c);
  const total = Object.values(byTaskType).reduce(
    (a, t) => ({
      entries: a.entries + t.entries,
      bytes: a.bytes + t.bytes,
      ...sum(a, t),
    }),
    { entries: 0, bytes: 0, hits: 0, misses: 0, savedUsd: 0 },
  );
  return { ...total, hitRate: rate(total.hits, total.misses), byTaskType };
}
