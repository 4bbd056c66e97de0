import "server-only";
import { aiBudgets } from "@/db/schema";
import { recordAudit } from "../../audit/record";
import { requireAdmin } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { SetBudgetInput, type SetBudgetOutput } from "./schemas";
import { budgetViews } from "./views";

/** Sets (creates or replaces) the cap for one user or project and period. Audited. */
export async function setBudget({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<SetBudgetOutput> {
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
  const [budget] = await budgetViews(ctx.db, [row]);
  return { budget: budget! };
}
