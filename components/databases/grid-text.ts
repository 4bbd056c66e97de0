/*
 * The grid's sentences about the database, pure so they can be tested: how many records, and
 * the schema's history in words ("Schema changed 3 times, last 5 minutes ago") rather than an
 * internal version number.
 */

import { timeAgo } from "@/components/lib/time-ago";

/** A database's schema version 1 is as created; every change since bumps it by one. */
export function schemaHistory(schemaVersion: number, updatedAt: string, now: number): string {
  const changes = schemaVersion - 1;
  if (changes < 1) return "Schema not changed since it was created";
  return `Schema changed ${changes.toLocaleString("en")} time${changes === 1 ? "" : "s"}, last ${timeAgo(updatedAt, now)}`;
}

export const plural = (n: number, word: string) =>
  `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
