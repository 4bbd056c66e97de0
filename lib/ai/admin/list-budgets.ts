import "server-only";
import { asc } from "drizzle-orm";
import { aiBudgets } from "@/db/schema";
import { requireAdmin } from "../../auth/authorize";
import type { Ctx } from "../../context";
import { budgetView, type BudgetView } from "./views";

/** Every AI spending cap, user caps first (admin). */
export async function listBudgets({ ctx }: { ctx: Ctx }): Promise<{ budgets: BudgetView[] }> {
  requireAdmin(ctx);
  const rows = await ctx.db
    .select()
    .from(aiBudgets)
    .orderBy(asc(aiBudgets.scope), asc(aiBudgets.createdAt));
  return { budgets: rows.map(budgetView) };
}
