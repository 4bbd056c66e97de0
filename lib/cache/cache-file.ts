import "server-only";
import type Database from "better-sqlite3";
import { systemClock, type Clock } from "../clock";
import { Healer } from "./heal";
import { inodeOf, isCorruption, quarantineFile } from "./quarantine";
import { openCacheDb } from "./schema";

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What the cache tells its owner (the log), once per change of state. */
export interface CacheEvents {
  /** The file cannot be opened or read: served uncached until a retry reopens it. */
  degraded?(err: unknown): void;
  /** Writes fail (locked, disk full): hits go on, new answers are dropped until a retry writes. */
  writesFailing?(err: unknown): void;
  /** A retry worked: reads and writes are back. */
  healed?(): void;
  /** The file was corrupt: renamed aside to `to`, and a fresh one started. */
  quarantined?(to: string, err: unknown): void;
}

/**
 * The cache's SQLite connection and what happens when its file fails; the operations are in
 * SqliteResponseCache. Nothing throws to callers: `read` and `write` return a fallback instead.
 *
 * - A failed write (another process's lock, a full disk) pauses writes (`writesFailing`);
 *   lookups go on.
 * - A file that cannot be opened or read makes the cache `degraded`: lookups miss too.
 * - Either way a retry — a fresh connection, then `probe()`, a write — runs 250 ms later,
 *   backing off to every 30 s, until it works and the cache is whole again.
 * - A corrupt file (not a database, damaged pages) is renamed aside to `<file>.corrupt-<time>`
 *   (the newest 3 kept) and a fresh file opened at once.
 */
export abstract class CacheFile {
  protected db: Database.Database | null = null;
  private inode?: number;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly healer = new Healer(() => this.heal());
  protected closed = false;
  status: "ok" | "degraded" = "ok";
  writesFailing = false;
  lastError?: string;
  /** Corrupt files renamed aside since start, and where the last one went. */
  quarantined = 0;
  lastQuarantined?: string;

  constructor(
    readonly file: string,
    private readonly events: CacheEvents = {},
    protected readonly clock: Clock = systemClock,
  ) {
    if (!this.open()) this.retry();
  }

  /** A write that proves the file writable again (and writes what waited in memory). */
  protected abstract probe(): boolean;

  /** Opens the file (a corrupt one is quarantined and a fresh one opened); else degraded. */
  private open(quarantine = true): boolean {
    const inode = inodeOf(this.file);
    try {
      this.db = openCacheDb(this.file);
      this.inode = inodeOf(this.file);
      this.status = "ok";
      return true;
    } catch (err) {
      if (quarantine && isCorruption(err) && this.quarantine(err, inode)) return this.open(false);
      this.degrade(err);
      return false;
    }
  }

  /** Moves the corrupt file aside; false when that failed (it stays degraded and retries). */
  private quarantine(err: unknown, inode: number | undefined): boolean {
    try {
      const to = quarantineFile(this.file, this.clock.now(), inode);
      if (!to) return true; // already replaced by another process: just reopen
      this.quarantined++;
      this.lastQuarantined = to;
      this.events.quarantined?.(to, err);
      return true;
    } catch (moveErr) {
      this.degrade(moveErr);
      return false;
    }
  }

  private degrade(err: unknown): void {
    this.lastError = message(err);
    this.drop();
    if (this.status === "ok") this.events.degraded?.(err);
    this.status = "degraded";
  }

  /** Closes the connection, if any (an unusable one may fail to close). */
  protected drop(): void {
    try {
      this.db?.close();
    } catch {
      /* already unusable */
    }
    this.db = null;
    this.statements.clear();
  }

  private retry(): void {
    if (!this.closed) this.healer.schedule();
  }

  /** A corrupt file found in use: moved aside and a fresh one opened, or degraded and retried. */
  private corrupt(err: unknown): void {
    this.drop();
    if (!this.quarantine(err, this.inode) || !this.open(false)) this.retry();
  }

  /** A lookup failed: the file cannot be read, so the cache is degraded until a retry reopens it. */
  private readFault(err: unknown): void {
    if (isCorruption(err)) return this.corrupt(err);
    this.degrade(err);
    this.retry();
  }

  /** A write failed: writes pause (lookups go on) until a retry's write goes through. */
  protected writeFault(err: unknown): void {
    if (isCorruption(err)) return this.corrupt(err);
    this.lastError = message(err);
    if (!this.writesFailing) this.events.writesFailing?.(err);
    this.writesFailing = true;
    this.retry();
  }

  /** One retry: a fresh connection (whatever state a failed write left the old one in), a write. */
  private heal(): boolean {
    if (this.closed) return true;
    this.drop();
    if (!this.open() || !this.probe()) return false;
    this.writesFailing = false;
    this.lastError = undefined;
    this.events.healed?.();
    return true;
  }

  protected stopRetrying(): void {
    this.closed = true;
    this.healer.stop();
  }

  /** The statement for `text`, prepared on first use (preparing costs more than running it). */
  protected sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db!.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  protected read<T>(fn: () => T, fallback: T): T {
    if (!this.db) return fallback;
    try {
      return fn();
    } catch (err) {
      this.readFault(err);
      return fallback;
    }
  }

  protected write<T>(fn: () => T, fallback: T): T {
    if (!this.db || this.writesFailing) return fallback;
    try {
      return fn();
    } catch (err) {
      this.writeFault(err);
      return fallback;
    }
  }
}
