import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { aiBudgets, aiRequests, type AiBudget } from "@/db/schema";
import { actingUser, type Ctx } from "../context";
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

/**
 * Checks the caps that apply to a request (the user's, and the project's if it has one). The
 * list of budgets is small and cached for a few seconds, so requests without a cap pay no query;
 * spend = ledger rows already written + rows still queued in this process.
 */
export class BudgetGuard {
  private cached?: { at: number; rows: AiBudget[] };

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly ledger: Ledger,
    private readonly now: () => number,
    private readonly ttlMs = 5_000,
  ) {}

  invalidate(): void {
    this.cached = undefined;
  }

  private async budgets(): Promise<AiBudget[]> {
    if (!this.cached || this.now() - this.cached.at > this.ttlMs)
      this.cached = { at: this.now(), rows: await (await this.db()).select().from(aiBudgets) };
    return this.cached.rows;
  }

  async check(ctx: Ctx, projectId: string | undefined): Promise<BudgetVerdict> {
    const user = actingUser(ctx.actor);
    if (!user) return { action: "ok" };
    const userId = user.userId;
    const applicable = (await this.budgets()).filter(
      (b) =>
        (b.scope === "user" && b.subjectId === userId) ||
        (b.scope === "project" && b.subjectId === projectId),
    );
    let downgrade: BudgetVerdict | undefined;
    for (const b of applicable) {
      const since = periodStart(b.period, ctx.clock.now());
      const column = b.scope === "user" ? aiRequests.userId : aiRequests.projectId;
      const [row] = await ctx.db
        .select({ spent: sql<number>`coalesce(sum(${aiRequests.costUsd}), 0)` })
        .from(aiRequests)
        .where(and(eq(column, b.subjectId), gte(aiRequests.createdAt, since)));
      const spentUsd =
        Number(row?.spent ?? 0) +
        this.ledger.pendingCost((r) =>
          b.scope === "user" ? r.userId === b.subjectId : r.projectId === b.subjectId,
        );
      if (spentUsd < b.limitUsd) continue;
      const who = b.scope === "user" ? "Your" : "This project's";
      const budget = {
        scope: b.scope,
        period: b.period,
        limitUsd: b.limitUsd,
        spentUsd: Math.round(spentUsd * 1e6) / 1e6,
        resetsAt: periodEnd(b.period, ctx.clock.now()).toISOString(),
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
}
