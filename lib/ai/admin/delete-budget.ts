import "server-only";
import { eq } from "drizzle-orm";
import { aiBudgets } from "@/db/schema";
import { recordAudit } from "../../audit/record";
import { requireAdmin } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { notFound } from "../../errors";
import { isUuid } from "../../ids";
import { DeleteBudgetInput } from "./schemas";

/** Removes a cap. Audited. */
export async function deleteBudget({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  requireAdmin(ctx);
  const { id } = DeleteBudgetInput.parse(input);
  if (!isUuid(id)) throw notFound("Budget");
  await withTransaction(ctx, async (tx) => {
    const [gone] = await tx.db.delete(aiBudgets).where(eq(aiBudgets.id, id)).returning();
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
