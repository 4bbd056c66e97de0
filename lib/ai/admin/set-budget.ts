import "server-only";
import { eq } from "drizzle-orm";
import { aiBudgets, projects, users } from "@/db/schema";
import { recordAudit } from "../../audit/record";
import { requireAdmin } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { validationError } from "../../errors";
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
    // A cap on nobody would never apply: the subject must exist (a typo is a field error).
    const table = data.scope === "user" ? users : projects;
    const [subject] = await tx.db
      .select({ id: table.id })
      .from(table)
      .where(eq(table.id, data.subjectId));
    if (!subject)
      throw validationError([
        {
          field: "subjectId",
          message: `does not belong to any ${data.scope === "user" ? "user" : "project"}`,
        },
      ]);
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
