import { randomUUID } from "node:crypto";
import type { NewAiRequest } from "@/db/schema";
import type { LedgerSpill } from "./ledger-spill";
import { storableText, textProblem } from "../text-guard";
import { causeChain, isDataError } from "../errors";

/**
 * The row with every text made storable: a refused request is recorded too, and what it sent
 * (a model name with a NUL byte, a lone surrogate) must never fail the batch it is written in.
 */
function storable(row: NewAiRequest): NewAiRequest {
  let fixed: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === "string" && textProblem(value) !== null)
      (fixed ??= { ...row })[key] = storableText(value);
  }
  return (fixed as NewAiRequest | undefined) ?? row;
}

/**
 * The cost ledger's writer: `record()` only queues (the request never waits on the insert);
 * rows are written in batches every `intervalMs` or once `maxBatch` are waiting, and `flush()`
 * writes whatever is left (called on clean shutdown). A write that fails for the database's sake
 * (unreachable, timed out) keeps the rows for the next flush, up to `maxQueued`, beyond which the
 * oldest are dropped and counted. A write the database refuses for a row's content (a constraint,
 * a bad value: SQLSTATE class 22 or 23) is split until the row is isolated: that row is
 * quarantined with its error (counted, the latest kept), and every other row is written.
 */
export class Ledger {
  private queue: NewAiRequest[] = [];
  /** The batch being written right now (out of the queue, not yet committed). */
  private writing: NewAiRequest[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  /** A flush is queued or writing: rows recorded meanwhile are picked up by its loop. */
  private flushQueued = false;
  private readonly recorded: ((row: NewAiRequest) => void)[] = [];
  dropped = 0;
  /** Rows the database refused for their content, in all; the latest are in `quarantine`. */
  quarantined = 0;
  readonly quarantine: { row: NewAiRequest; error: string; at: Date }[] = [];
  /** Ids of rows in the spill file not yet known to be written; the file is emptied at zero. */
  private readonly spilled = new Set<string>();
  private spillHasRows = false;
  /** Rows written to the spill file, in all (health shows what is waiting there: `spilledPending`). */
  spilledTotal = 0;

  constructor(
    private readonly write: (rows: NewAiRequest[]) => Promise<void>,
    private readonly opts: {
      maxBatch: number;
      intervalMs: number;
      maxQueued: number;
      onError?: (err: unknown) => void;
      onQuarantine?: (row: NewAiRequest, err: unknown) => void;
      /** Where rows go while the database cannot take them (see ledger-spill.ts). */
      spill?: LedgerSpill;
      onSpillError?: (err: unknown) => void;
    } = { maxBatch: 100, intervalMs: 1000, maxQueued: 50_000 },
  ) {}

  /** Calls `fn` with every row as it is recorded (the budget counters add its cost). */
  onRecord(fn: (row: NewAiRequest) => void): void {
    this.recorded.push(fn);
  }

  record(recorded: NewAiRequest): void {
    // Its own id and time: a retried or replayed write is the same row, and keeps its time.
    const row = storable({
      ...recorded,
      id: recorded.id ?? randomUUID(),
      createdAt: recorded.createdAt ?? new Date(),
    });
    for (const fn of this.recorded) fn(row);
    this.queue.push(row);
    if (this.queue.length > this.opts.maxQueued)
      this.dropped += this.queue.splice(0, this.queue.length - this.opts.maxQueued).length;
    if (this.queue.length >= this.opts.maxBatch) {
      if (!this.flushQueued) void this.flush();
    } else this.timer ??= setTimeout(() => void this.flush(), this.opts.intervalMs).unref();
  }

  /** USD of queued (not yet written) rows matching `filter`: budget checks add it to the table's sum. */
  pendingCost(filter: (row: NewAiRequest) => boolean): number {
    let sum = 0;
    for (const r of this.queue) if (filter(r)) sum += r.costUsd ?? 0;
    // A batch mid-write may or may not be in the table's sum yet: count it (for a cap, counting
    // it twice for a moment is the safe side; missing it is not).
    for (const r of this.writing) if (filter(r)) sum += r.costUsd ?? 0;
    return sum;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Rows in the spill file that are not written yet. */
  get spilledPending(): number {
    return this.spilled.size;
  }

  /**
   * Writes every row not yet written (queued, or in a batch on its way) to the spill file, once
   * each: when the database is away, and at shutdown before the last flush.
   */
  spillUnwritten(): void {
    const spill = this.opts.spill;
    if (!spill) return;
    const rows = [...this.writing, ...this.queue].filter((r) => !this.spilled.has(r.id!));
    if (!rows.length) return;
    try {
      spill.append(rows);
    } catch (err) {
      this.opts.onSpillError?.(err);
      return;
    }
    for (const r of rows) this.spilled.add(r.id!);
    this.spilledTotal += rows.length;
    this.spillHasRows = true;
  }

  /**
   * Queues the rows a previous run left in the spill file (start-up) and writes them: their ids
   * make a row that did reach the database before count once. Returns how many.
   */
  restoreSpilled(): number {
    const rows = this.opts.spill?.load() ?? [];
    const queued = new Set(this.queue.map((r) => r.id));
    for (const row of rows) {
      if (this.spilled.has(row.id!) || queued.has(row.id)) continue;
      this.spilled.add(row.id!);
      this.queue.push(row);
    }
    if (rows.length) this.spillHasRows = true;
    if (this.queue.length) this.timer ??= setTimeout(() => void this.flush(), 0).unref();
    return rows.length;
  }

  private written(rows: NewAiRequest[]): void {
    if (!this.spillHasRows) return;
    for (const r of rows) this.spilled.delete(r.id!);
    if (this.spilled.size > 0) return;
    try {
      this.opts.spill?.clear();
      this.spillHasRows = false;
    } catch (err) {
      this.opts.onSpillError?.(err);
    }
  }

  /**
   * Writes everything queued so far; concurrent calls are serialized. Between batches it yields
   * to the event loop: on the embedded database a write runs on this thread, and a backlog written
   * back to back would hold every request waiting behind it (the gateway's p99).
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushQueued = true;
    this.flushing = this.flushing.then(async () => {
      try {
        for (let first = true; this.queue.length; first = false) {
          if (!first) await new Promise<void>((resolve) => setImmediate(resolve));
          const batch = this.queue.splice(0, this.opts.maxBatch);
          this.writing = batch;
          try {
            const unwritten = await this.writeIsolating(batch);
            if (unwritten.length) {
              this.queue.unshift(...unwritten);
              this.writing = [];
              // The database is away: a crash or a restart from here must not lose them.
              this.spillUnwritten();
              return;
            }
          } finally {
            this.writing = [];
          }
        }
      } finally {
        this.flushQueued = false;
      }
    });
    return this.flushing;
  }

  /**
   * Writes `batch`, halving any part the database refuses for its content until the bad rows
   * are alone (quarantined); returns the rows left unwritten by a fault of the database itself,
   * in order, for the next flush.
   */
  private async writeIsolating(batch: NewAiRequest[]): Promise<NewAiRequest[]> {
    const parts = [batch];
    while (parts.length) {
      const part = parts.shift()!;
      try {
        await this.write(part);
        this.written(part);
      } catch (err) {
        if (!isDataError(err)) {
          this.opts.onError?.(err);
          return [part, ...parts].flat();
        }
        if (part.length > 1) {
          const middle = Math.ceil(part.length / 2);
          parts.unshift(part.slice(0, middle), part.slice(middle));
          continue;
        }
        this.written(part); // not to be replayed: it is kept in `quarantine`
        this.quarantined++;
        this.quarantine.push({ row: part[0]!, error: messageOf(err), at: new Date() });
        if (this.quarantine.length > MAX_KEPT) this.quarantine.shift();
        this.opts.onQuarantine?.(part[0]!, err);
      }
    }
    return [];
  }
}

/** How many quarantined rows are kept for inspection (the count goes on). */
const MAX_KEPT = 100;

function messageOf(err: unknown): string {
  // The driver's own message (the one with a SQLSTATE code) says which constraint or value.
  for (const e of causeChain(err))
    if ((e as { code?: unknown }).code && e instanceof Error) return e.message.slice(0, 500);
  return err instanceof Error ? err.message.slice(0, 500) : String(err);
}
