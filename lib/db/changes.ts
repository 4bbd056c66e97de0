import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Logger } from "../log";
import type { DatabaseProvider } from "./index";

/** The channel the migration 0007 triggers NOTIFY on: "<table>:<id>" or "<table>:*". */
export const CHANGES_CHANNEL = "aios_changes";
/** How often each process sends itself a heartbeat through the channel. */
const HEARTBEAT_MS = 1_000;
/** Without its own heartbeat back for this long, the feed counts as down. */
const LIVE_WITHIN_MS = 3_000;

export interface Change {
  table: string;
  /** The row's id, or "*" for a statement-level change of the whole table. */
  id: string;
}

type Listener = {
  tables: ReadonlySet<string>;
  onChange: (change: Change) => void;
  /** The feed (re)connected or was lost: changes made meanwhile are unknown, so forget everything. */
  onReset: () => void;
};

/**
 * Row changes of the tables the hot path caches (users, api_keys, sessions, ai_models, ai_budgets), from
 * every process on the same database: the triggers NOTIFY at commit, this LISTENs once per
 * process and tells each cache what to drop. A cache also drops its own writes at once (the
 * service that changed a row calls it); the feed makes other processes follow within
 * milliseconds, and on a reconnect every cache starts empty. When the LISTEN session drops,
 * every cache empties at once and keeps nothing (each lookup goes to the database) until it is
 * back. A session can also die without a word (a half-open socket, a transaction pooler that
 * never delivers), so each process NOTIFYs itself a heartbeat every second: while its own
 * heartbeat is not coming back the feed counts as down too.
 */
export class ChangeFeed {
  private readonly listeners: Listener[] = [];
  private starting?: Promise<void>;
  private unlisten?: () => Promise<void>;
  private connected = false;
  private closed = false;
  /** After a failed start, not before this (ms since epoch): no reconnect storm in an outage. */
  private retryAt = 0;
  private readonly beat = `hb:${randomUUID()}`;
  private lastBeat = 0;
  private beating?: NodeJS.Timeout;

  constructor(
    private readonly database: DatabaseProvider,
    private readonly log: Logger,
  ) {}

  subscribe(tables: string[], onChange: Listener["onChange"], onReset: Listener["onReset"]): void {
    this.listeners.push({ tables: new Set(tables), onChange, onReset });
  }

  /** Starts listening (once; a failed start is retried on a later call, 5 s on). Never throws. */
  ensure(): Promise<void> {
    if (this.closed || (!this.starting && Date.now() < this.retryAt)) return Promise.resolve();
    this.starting ??= (async () => {
      try {
        const handle = await this.database.handle();
        this.unlisten = await handle.listen(
          CHANGES_CHANNEL,
          (payload) => this.dispatch(payload),
          () => this.reset(true),
          () => this.reset(false),
        );
      } catch (err) {
        this.starting = undefined;
        this.retryAt = Date.now() + 5_000;
        this.log.warn({ err }, "change feed not listening yet; caches keep short-lived entries");
      }
    })();
    return this.starting;
  }

  /** Whether changes are arriving: the session is up and this process hears its own heartbeat. */
  get live(): boolean {
    return this.connected && !this.closed && Date.now() - this.lastBeat <= LIVE_WITHIN_MS;
  }

  private dispatch(payload: string): void {
    if (payload.startsWith("hb:")) {
      if (payload !== this.beat) return; // another process's heartbeat
      const wasLive = this.live;
      this.lastBeat = Date.now();
      if (!wasLive) this.reset(true); // back after a silence: what changed meanwhile is unknown
      return;
    }
    const i = payload.indexOf(":");
    const change = { table: payload.slice(0, i), id: payload.slice(i + 1) };
    for (const l of this.listeners) if (l.tables.has(change.table)) l.onChange(change);
  }

  /**
   * The session came back (changes made meanwhile are unknown) or was lost (changes are being
   * missed from now on): either way every cache forgets everything, and keeps nothing until the
   * session is back.
   */
  private reset(connected: boolean): void {
    this.connected = connected;
    if (connected) {
      this.lastBeat = Date.now();
      this.beating ??= setInterval(() => void this.sendBeat(), HEARTBEAT_MS).unref();
    } else
      this.log.warn("change feed lost its LISTEN session; caches hold nothing until it is back");
    for (const l of this.listeners) l.onReset();
  }

  private async sendBeat(): Promise<void> {
    try {
      const db = await this.database.db();
      await db.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${this.beat})`);
    } catch {
      // The database is away: the feed lapses to "down" on its own.
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.beating);
    const stop = this.unlisten;
    this.unlisten = undefined;
    await stop?.().catch(() => {});
  }
}
