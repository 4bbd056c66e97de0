import type { AiBudget } from "@/db/schema";

export type BudgetView = Omit<AiBudget, "createdAt"> & { createdAt: string };
export const budgetView = (b: AiBudget): BudgetView => ({
  ...b,
  createdAt: b.createdAt.toISOString(),
});
