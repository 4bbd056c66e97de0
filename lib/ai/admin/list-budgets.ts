import "server-only";
import { asc } from "drizzle-orm";
import { aiBudgets } from "@/db/schema";
import { requireAdmin } from "../../auth/authorize";
import type { Ctx } from "../../context";
import type { ListBudgetsOutput } from "./schemas";
import { budgetViews } from "./views";

/** Every AI spending cap, user caps first, with whose it is (email or name) (admin). */
export async function listBudgets({ ctx }: { ctx: Ctx }): Promise<ListBudgetsOutput> {
  requireAdmin(ctx);
  const rows = await ctx.db
    .select()
    .from(aiBudgets)
    .orderBy(asc(aiBudgets.scope), asc(aiBudgets.createdAt));
  return { budgets: await budgetViews(ctx.db, rows) };
}
