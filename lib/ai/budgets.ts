import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { aiBudgets, aiRequests, type AiBudget, type NewAiRequest } from "@/db/schema";
import { actingUser, type Ctx } from "../context";
import { isInfrastructureError } from "../errors";
import type { Ledger } from "./ledger";

export type BudgetVerdict =
  | { action: "ok" }
  | {
      action: "reject" | "downgrade";
      message: string;
      budget: {
        scope: string;
        period: string;
        limitUsd: number;
        spentUsd: number;
        resetsAt: string;
      };
    };

/** Start of the next period, UTC (when the cap resets). */
export function periodEnd(period: AiBudget["period"], now: Date): Date {
  return period === "day"
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/** Start of the budget's current period, UTC. */
export function periodStart(period: AiBudget["period"], now: Date): Date {
  return period === "day"
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** The caps that apply to one request, read from memory: `verdict` and `reserve` are synchronous. */
export interface BudgetCheck {
  verdict(): BudgetVerdict;
  /** Holds `usd` against every applicable cap until the returned release runs (at settle). */
  reserve(usd: number): () => void;
}

export interface BudgetGate {
  /** Loads what the check needs (caps, spend counters) if it is not in memory yet. */
  prepare(ctx: Ctx, projectId: string | undefined): Promise<BudgetCheck>;
}

const NO_CAPS: BudgetCheck = { verdict: () => ({ action: "ok" }), reserve: () => () => {} };

interface Counter {
  /** USD spent in the period: the ledger's rows at load time, plus every row recorded since. */
  spent: number;
  /** USD held by requests in flight (reserved before the provider call, released at settle). */
  reserved: number;
  loadedAt: number;
  refreshing?: boolean;
  /** invalidate() asked for a fresh read: the next check waits for it (reservations stay). */
  stale?: boolean;
}

/**
 * Budget caps checked from memory, reserved before the call. The caps (a small table) are kept
 * until an admin edits them (this process at once, others through the change feed). Each capped
 * subject's spend in the current period is read from the ledger once, then kept up to date by
 * the ledger itself (every recorded row adds its cost) and re-read in the background every few
 * seconds, so rows written by other processes count too. A request reserves its estimated cost
 * before the provider is called, and check-and-reserve happen without an await in between: a
 * burst of concurrent requests cannot overshoot a cap by more than one request's estimate.
 */
export class BudgetGuard implements BudgetGate {
  private cached?: { at: number; rows: AiBudget[] };
  /** The caps as last read, used while the database cannot be reached. */
  private lastCaps?: AiBudget[];
  private loadingCaps?: Promise<AiBudget[]>;
  private readonly counters = new Map<string, Counter>();
  private readonly loadingCounters = new Map<string, Promise<Counter>>();
  /** Bumped by invalidate(): a load that began before it is not kept. */
  private generation = 0;

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly ledger: Ledger,
    private readonly now: () => number,
    private readonly opts: {
      /** Whether the change feed is live (caps are kept until edited), else re-read after capsTtlMs. */
      live?: () => boolean;
      capsTtlMs?: number;
      refreshMs?: number;
      onError?: (err: unknown) => void;
    } = {},
  ) {
    ledger.onRecord((row) => this.add(row));
  }

  /**
   * Forgets the caps and makes the next check re-read the spend. The counters themselves stay,
   * with the reservations of requests in flight (they release into the same objects).
   */
  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    for (const c of this.counters.values()) c.stale = true;
  }

  private capsFresh(): boolean {
    if (!this.cached) return false;
    if (this.opts.live?.()) return true;
    return this.now() - this.cached.at <= (this.opts.capsTtlMs ?? 5_000);
  }

  private async caps(): Promise<AiBudget[]> {
    if (this.capsFresh()) return this.cached!.rows;
    const generation = this.generation;
    this.loadingCaps ??= (async () => {
      try {
        let rows: AiBudget[];
        try {
          rows = await (await this.db()).select().from(aiBudgets);
        } catch (err) {
          if (this.lastCaps && isInfrastructureError(err)) return this.lastCaps;
          throw err;
        }
        if (generation === this.generation) this.cached = { at: this.now(), rows };
        this.lastCaps = rows;
        return rows;
      } finally {
        this.loadingCaps = undefined;
      }
    })();
    return this.loadingCaps;
  }

  private counterKey(b: AiBudget, now: Date): string {
    return `${b.scope}:${b.subjectId}:${periodStart(b.period, now).toISOString()}`;
  }

  private async sumSince(b: AiBudget, since: Date): Promise<number> {
    const column = b.scope === "user" ? aiRequests.userId : aiRequests.projectId;
    const [row] = await (
      await this.db()
    )
      .select({ spent: sql<number>`coalesce(sum(${aiRequests.costUsd}), 0)` })
      .from(aiRequests)
      .where(and(eq(column, b.subjectId), gte(aiRequests.createdAt, since)));
    return (
      Number(row?.spent ?? 0) +
      this.ledger.pendingCost((r) =>
        b.scope === "user" ? r.userId === b.subjectId : r.projectId === b.subjectId,
      )
    );
  }

  private async counter(b: AiBudget, now: Date): Promise<Counter> {
    const key = this.counterKey(b, now);
    const have = this.counters.get(key);
    if (have?.stale) {
      try {
        have.spent = await this.sumSince(b, periodStart(b.period, now));
      } catch (err) {
        // The database is away: the counter as the ledger kept it up to date is the best known.
        if (!isInfrastructureError(err)) throw err;
        return have;
      }
      have.loadedAt = this.now();
      have.stale = false;
      return have;
    }
    if (have) {
      if (this.now() - have.loadedAt > (this.opts.refreshMs ?? 5_000)) this.refresh(b, have, now);
      return have;
    }
    let loading = this.loadingCounters.get(key);
    if (!loading) {
      const generation = this.generation;
      loading = (async () => {
        try {
          const spent = await this.sumSince(b, periodStart(b.period, now));
          const c: Counter = { spent, reserved: 0, loadedAt: this.now() };
          if (generation === this.generation) {
            // Drop counters of periods that have ended (their keys no longer come up).
            for (const k of this.counters.keys())
              if (k.startsWith(`${b.scope}:${b.subjectId}:`)) this.counters.delete(k);
            this.counters.set(key, c);
          }
          return c;
        } finally {
          this.loadingCounters.delete(key);
        }
      })();
      this.loadingCounters.set(key, loading);
    }
    return loading;
  }

  /** Re-reads a counter's spend in the background (other processes' rows), keeping reservations. */
  private refresh(b: AiBudget, c: Counter, now: Date): void {
    if (c.refreshing) return;
    c.refreshing = true;
    void this.sumSince(b, periodStart(b.period, now))
      .then((spent) => {
        c.spent = spent;
        c.loadedAt = this.now();
      })
      .catch((err: unknown) => this.opts.onError?.(err))
      .finally(() => (c.refreshing = false));
  }

  /** A recorded ledger row: its cost counts against the caps of its user and its project. */
  private add(row: NewAiRequest): void {
    const cost = row.costUsd ?? 0;
    if (!cost || this.counters.size === 0) return;
    for (const [key, c] of this.counters) {
      const [scope, subject] = key.split(":", 2);
      if (
        (scope === "user" && subject === row.userId) ||
        (scope === "project" && subject === row.projectId)
      )
        c.spent += cost;
    }
  }

  async prepare(ctx: Ctx, projectId: string | undefined): Promise<BudgetCheck> {
    const user = actingUser(ctx.actor);
    if (!user) return NO_CAPS;
    const applicable = (await this.caps()).filter(
      (b) =>
        (b.scope === "user" && b.subjectId === user.userId) ||
        (b.scope === "project" && b.subjectId === projectId),
    );
    if (applicable.length === 0) return NO_CAPS;
    const now = ctx.clock.now();
    const held = await Promise.all(
      applicable.map(async (b) => ({ b, c: await this.counter(b, now) })),
    );
    return {
      verdict: () => verdictOf(held, now),
      reserve: (usd) => {
        for (const { c } of held) c.reserved += usd;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          for (const { c } of held) c.reserved = Math.max(0, c.reserved - usd);
        };
      },
    };
  }
}

function verdictOf(held: { b: AiBudget; c: Counter }[], now: Date): BudgetVerdict {
  let downgrade: BudgetVerdict | undefined;
  for (const { b, c } of held) {
    if (c.spent + c.reserved < b.limitUsd) continue;
    const who = b.scope === "user" ? "Your" : "This project's";
    const budget = {
      scope: b.scope,
      period: b.period,
      limitUsd: b.limitUsd,
      spentUsd: Math.round(c.spent * 1e6) / 1e6,
      resetsAt: periodEnd(b.period, now).toISOString(),
    };
    const message = `${who} ${b.period === "day" ? "daily" : "monthly"} AI budget of $${b.limitUsd.toFixed(2)} is used up ($${budget.spentUsd.toFixed(4)} spent).`;
    if (b.onExceed === "reject")
      return {
        action: "reject",
        message: `${message} It resets at the start of the next ${b.period} (UTC); an admin can raise it.`,
        budget,
      };
    downgrade ??= { action: "downgrade", message, budget };
  }
  return downgrade ?? { action: "ok" };
}
