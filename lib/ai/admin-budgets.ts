import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { aiBudgets, type AiBudget } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireAdmin } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { notFound } from "../errors";
import { SetBudgetInput } from "./admin-schemas";
import { isUuid } from "../ids";

export type BudgetView = Omit<AiBudget, "createdAt"> & { createdAt: string };
const view = (b: AiBudget): BudgetView => ({ ...b, createdAt: b.createdAt.toISOString() });

export async function listBudgets({ ctx }: { ctx: Ctx }): Promise<BudgetView[]> {
  requireAdmin(ctx);
  return (
    await ctx.db.select().from(aiBudgets).orderBy(asc(aiBudgets.scope), asc(aiBudgets.createdAt))
  ).map(view);
}

/** Sets (creates or replaces) the cap for one user or project and period. Audited. */
export async function setBudget({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<BudgetView> {
  requireAdmin(ctx);
  const data = SetBudgetInput.parse(input);
  const row = await withTransaction(ctx, async (tx) => {
    const [saved] = await tx.db
      .insert(aiBudgets)
      .values(data)
      .onConflictDoUpdate({
        target: [aiBudgets.scope, aiBudgets.subjectId, aiBudgets.period],
        set: { limitUsd: data.limitUsd, onExceed: data.onExceed },
      })
      .returning();
    await recordAudit(tx, {
      action: "ai_budget.set",
      targetType: data.scope,
      targetId: data.subjectId,
      metadata: data,
    });
    return saved!;
  });
  ctx.ai.budgets.invalidate();
  return view(row);
}

export async function deleteBudget({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  requireAdmin(ctx);
  if (!isUuid(id)) throw notFound("Budget");
  await withTransaction(ctx, async (tx) => {
    const [gone] = await tx.db
      .delete(aiBudgets)
      .where(and(eq(aiBudgets.id, id)))
      .returning();
    if (!gone) throw notFound("Budget");
    await recordAudit(tx, {
      action: "ai_budget.delete",
      targetType: gone.scope,
      targetId: gone.subjectId,
      metadata: { period: gone.period, limitUsd: gone.limitUsd },
    });
  });
  ctx.ai.budgets.invalidate();
}
