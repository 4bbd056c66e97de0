import postgres from "postgres";
import { CONNECTION_CODES } from "./connection-codes";

/** A database call refused at once: the database did not answer a reachability check. */
export class DatabaseUnreachableError extends Error {
  readonly code = "DB_UNREACHABLE";
  constructor() {
    super("The database is not reachable: it did not answer a connection check in time.");
    this.name = "DatabaseUnreachableError";
  }
}

/** A database call that got no answer within its deadline. */
export class DatabaseTimeoutError extends Error {
  readonly code = "DB_TIMEOUT";
  constructor(ms: number) {
    super(`The database did not answer within ${ms} ms.`);
    this.name = "DatabaseTimeoutError";
  }
}

export interface GuardOptions {
  /** Opens a pool (the first, and a fresh one after an outage). */
  open: () => postgres.Sql;
  /** Opens a one-connection client for a reachability check. */
  probe: () => postgres.Sql;
  /** A call waits at most this long for a connection and its answer (Infinity: no limit). */
  deadlineMs: number;
  /**
   * A call unanswered for half of this makes the guard check, on a fresh connection, whether
   * the database answers at all; the check gets the other half. No answer: unreachable.
   */
  unreachableAfterMs: number;
  /** While unreachable, a check runs this often; the first answer brings the database back. */
  recheckMs?: number;
  onDown?: (err: unknown) => void;
  onUp?: (downForMs: number) => void;
}

export type Reachability = "up" | "down";

interface Call {
  reject: (err: unknown) => void;
}

/**
 * postgres.js with a deadline on every call and a fast "no" while the database is away. The
 * driver has no acquire or query timeout: in a partition (no RST) a call waits for the whole
 * outage, and the requests behind it for their turn. Here each call (a statement, a
 * transaction's acquire and its commit) has `deadlineMs`; a call unanswered for half of
 * `unreachableAfterMs`, or one that fails on its connection, sends a `select 1` on a fresh
 * connection. When that gets no answer the database is "down": calls waiting are rejected at
 * once, new ones fail without waiting (both map to 503), and the check repeats every
 * `recheckMs`. The first answer opens a fresh pool (the old one, whose sockets may be stuck in a
 * dead TCP session, is ended) and the database is "up" again.
 */
export class PostgresGuard {
  private pool: postgres.Sql;
  private readonly calls = new Set<Call>();
  private state: Reachability = "up";
  private downSince = 0;
  private checking?: Promise<boolean>;
  private recheck?: NodeJS.Timeout;
  private closed = false;
  /** The client drizzle holds: every call goes to the current pool, through the guard. */
  readonly client: postgres.Sql;

  constructor(private readonly opts: GuardOptions) {
    this.pool = opts.open();
    this.client = new Proxy(this.pool, {
      // A tagged-template call (sql`...`) goes to the current pool as it is.
      apply: (_target, _this, args: unknown[]) =>
        (this.pool as unknown as (...a: unknown[]) => unknown)(...args),
      get: (_target, prop) => {
        if (prop === "unsafe") return this.unsafeOn(() => this.pool);
        if (prop === "begin") return this.transactionOn(() => this.pool, "begin");
        if (prop === "end") return (o?: { timeout?: number }) => this.close(o?.timeout);
        const value = Reflect.get(this.pool, prop, this.pool) as unknown;
        return typeof value === "function" ? value.bind(this.pool) : value;
      },
    });
  }

  get reachability(): Reachability {
    return this.state;
  }

  /** `unsafe` of `target()`, each call under the guard; `.values()` as drizzle uses it. */
  private unsafeOn(target: () => postgres.Sql | postgres.TransactionSql) {
    return (query: string, params?: unknown[], o?: postgres.UnsafeQueryOptions) => {
      const q = target().unsafe(query, params as postgres.ParameterOrJSON<never>[], o);
      const guarded = {
        values: () => (q.values(), guarded),
        then: <A, B>(ok?: (v: unknown) => A, fail?: (e: unknown) => B) =>
          this.run(() => q).then(ok, fail),
      };
      return guarded;
    };
  }

  /**
   * `begin` (or a transaction's `savepoint`): the deadline covers waiting for a connection and,
   * once the callback is done, the COMMIT or ROLLBACK; the statements in between have their own.
   */
  private transactionOn(target: () => postgres.Sql | postgres.TransactionSql, verb: string) {
    return (...args: unknown[]) => {
      const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
      let expired = false;
      let arm: (() => void) | undefined;
      const done = this.run(
        () =>
          (target() as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[verb]!(
            ...args,
            async (tx: postgres.TransactionSql) => {
              if (expired) throw new DatabaseTimeoutError(this.opts.deadlineMs);
              arm?.();
              try {
                return await fn(this.wrapTransaction(tx));
              } finally {
                arm?.();
              }
            },
          ),
        (rearm) => (arm = rearm),
      );
      done.catch(() => (expired = true));
      return done;
    };
  }

  private wrapTransaction(tx: postgres.TransactionSql): postgres.TransactionSql {
    return new Proxy(tx, {
      get: (target, prop) => {
        if (prop === "unsafe") return this.unsafeOn(() => target);
        if (prop === "savepoint") return this.transactionOn(() => target, "savepoint");
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /**
   * Runs `start()` under the deadline. `onArm` gets a function that pauses the deadline on its
   * first call and starts it afresh on its second (a transaction: its own statements have one).
   */
  private run<T>(start: () => PromiseLike<T>, onArm?: (rearm: () => void) => void): Promise<T> {
    if (this.closed || this.state === "down") return Promise.reject(new DatabaseUnreachableError());
    return new Promise<T>((resolve, reject) => {
      const call: Call = { reject };
      let suspect: NodeJS.Timeout | undefined;
      let deadline: NodeJS.Timeout | undefined;
      const stop = () => (clearTimeout(suspect), clearTimeout(deadline));
      const startTimers = () => {
        stop();
        const started = Date.now();
        suspect = setTimeout(() => void this.check(), this.opts.unreachableAfterMs / 2);
        if (Number.isFinite(this.opts.deadlineMs))
          deadline = setTimeout(
            () => reject(new DatabaseTimeoutError(Date.now() - started)),
            this.opts.deadlineMs,
          );
      };
      let paused = false;
      onArm?.(() => ((paused = !paused) ? stop() : startTimers()));
      startTimers();
      this.calls.add(call);
      Promise.resolve()
        .then(start)
        .then(resolve, (err: unknown) => {
          if (isConnectionFault(err)) void this.check();
          reject(err);
        })
        .finally(() => {
          stop();
          this.calls.delete(call);
        });
    });
  }

  /** One reachability check at a time: false (and the database marked down) when unanswered. */
  private check(): Promise<boolean> {
    this.checking ??= this.probe().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async probe(): Promise<boolean> {
    if (this.closed) return false;
    const sql = this.opts.probe();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new DatabaseTimeoutError(this.opts.unreachableAfterMs / 2)),
            this.opts.unreachableAfterMs / 2,
          );
        }),
      ]);
      if (this.state === "down") this.up();
      return true;
    } catch (err) {
      if (this.state === "up") this.down(err);
      return false;
    } finally {
      clearTimeout(timer);
      void sql.end({ timeout: 0 }).catch(() => {});
    }
  }

  private down(err: unknown): void {
    this.state = "down";
    this.downSince = Date.now();
    this.opts.onDown?.(err);
    const waiting = [...this.calls];
    this.calls.clear();
    for (const call of waiting) call.reject(new DatabaseUnreachableError());
    this.recheck = setInterval(() => void this.check(), this.opts.recheckMs ?? 500);
    this.recheck.unref();
  }

  private up(): void {
    clearInterval(this.recheck);
    const stale = this.pool;
    this.pool = this.opts.open();
    Object.assign(this.pool.options.parsers, stale.options.parsers);
    Object.assign(this.pool.options.serializers, stale.options.serializers);
    // Its sockets may sit in a TCP session the partition killed: a call there would wait again.
    void stale.end({ timeout: 0 }).catch(() => {});
    this.state = "up";
    this.opts.onUp?.(Date.now() - this.downSince);
  }

  async close(timeoutSeconds = 5): Promise<void> {
    this.closed = true;
    clearInterval(this.recheck);
    // Known away: nothing in flight can finish, so there is nothing to wait for (a partition
    // would hold the whole timeout, and shutdown with it).
    await this.pool.end({ timeout: this.state === "down" ? 0 : timeoutSeconds });
  }
}

function isConnectionFault(err: unknown): boolean {
  for (let e = err, n = 0; e && n < 5; e = (e as { cause?: unknown }).cause, n++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08")))
      return true;
  }
  return false;
}
