/*
 * The grid's sentences about the database, pure so they can be tested: how many records, and
 * the schema's history in words ("Schema changed 3 times, last 5 minutes ago") rather than an
 * internal version number.
 */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });

/** "just now", "5 minutes ago", "3 days ago" for a moment before `now` (ms). */
export function timeAgo(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds) || seconds < 45) return "just now";
  for (const [unit, size] of UNITS)
    if (seconds >= size) return relative.format(-Math.round(seconds / size), unit);
  return relative.format(-1, "minute");
}

/** A database's schema version 1 is as created; every change since bumps it by one. */
export function schemaHistory(schemaVersion: number, updatedAt: string, now: number): string {
  const changes = schemaVersion - 1;
  if (changes < 1) return "Schema not changed since it was created";
  return `Schema changed ${changes.toLocaleString("en")} time${changes === 1 ? "" : "s"}, last ${timeAgo(updatedAt, now)}`;
}

export const plural = (n: number, word: string) =>
  `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
