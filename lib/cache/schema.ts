import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Bumped with every change below; a file at an older version is migrated when it is opened.
 * 1: the `meta` table (the retry's probe row). 2: `entries.checksum` (lib/cache/checksum.ts).
 */
export const SCHEMA_VERSION = 2;

/**
 * Opens (creating it and its directory if needed) the cache file in WAL mode, so lookups read
 * while another connection writes, and brings its schema to SCHEMA_VERSION. A file already at
 * that version is only read here: opening works under another process's write lock.
 */
export function openCacheDb(file: string): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 100 });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    if ((db.pragma("user_version", { simple: true }) as number) < SCHEMA_VERSION) migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`
      create table if not exists entries (
        key text primary key, task_type text not null, value text not null, bytes integer not null,
        cost_usd real not null, created_at integer not null, expires_at integer not null,
        checksum text);
      create index if not exists entries_expires on entries(expires_at);
      create index if not exists entries_task on entries(task_type);
      create table if not exists counters (
        task_type text primary key, hits integer not null default 0,
        misses integer not null default 0, saved_usd real not null default 0);
      create table if not exists meta (key text primary key, value text not null);`);
    const columns = db.pragma("table_info(entries)") as { name: string }[];
    if (!columns.some((c) => c.name === "checksum"))
      db.exec("alter table entries add column checksum text");
    // Entries from before checksums cannot be verified: dropped, the cache refills.
    db.exec("delete from entries where checksum is null");
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
