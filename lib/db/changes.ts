import "server-only";
import type { Logger } from "../log";
import type { DatabaseProvider } from "./index";

/** The channel the migration 0007 triggers NOTIFY on: "<table>:<id>" or "<table>:*". */
export const CHANGES_CHANNEL = "aios_changes";

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
 * Row changes of the tables the hot path caches (users, api_keys, ai_models, ai_budgets), from
 * every process on the same database: the triggers NOTIFY at commit, this LISTENs once per
 * process and tells each cache what to drop. A cache also drops its own writes at once (the
 * service that changed a row calls it); the feed makes other processes follow within
 * milliseconds. When the LISTEN session drops every cache empties at once and keeps nothing
 * (each lookup goes to the database) until the session is back.
 */
export class ChangeFeed {
  private readonly listeners: Listener[] = [];
  private starting?: Promise<void>;
  private unlisten?: () => Promise<void>;
  private connected = false;
  private closed = false;

  constructor(
    private readonly database: DatabaseProvider,
    private readonly log: Logger,
  ) {}

  subscribe(tables: string[], onChange: Listener["onChange"], onReset: Listener["onReset"]): void {
    this.listeners.push({ tables: new Set(tables), onChange, onReset });
  }

  /** Starts listening (once; a failed start is retried on the next call). Never throws. */
  ensure(): Promise<void> {
    if (this.closed) return Promise.resolve();
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
        this.log.warn({ err }, "change feed not listening yet; caches keep short-lived entries");
      }
    })();
    return this.starting;
  }

  /** Whether the LISTEN session is up (caches keep entries only then). */
  get live(): boolean {
    return this.connected && !this.closed;
  }

  private dispatch(payload: string): void {
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
    if (!connected)
      this.log.warn("change feed lost its LISTEN session; caches hold nothing until it is back");
    for (const l of this.listeners) l.onReset();
  }

  async close(): Promise<void> {
    this.closed = true;
    const stop = this.unlisten;
    this.unlisten = undefined;
    await stop?.().catch(() => {});
  }
}
