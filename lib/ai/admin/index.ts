export { listCatalogue } from "./list-catalogue";
export { upsertModel } from "./upsert-model";
export { resetModel } from "./reset-model";
export { listBudgets } from "./list-budgets";
export { setBudget } from "./set-budget";
export { deleteBudget } from "./delete-budget";
export type { BudgetView, ListBudgetsOutput, SetBudgetOutput } from "./schemas";
