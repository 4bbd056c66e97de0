import { listBudgets, setBudget } from "@/lib/ai/admin-budgets";
import { SetBudgetInput } from "@/lib/ai/admin-schemas";
import { route } from "@/lib/http/route";

// GET /api/admin/budgets – every AI spending cap
export const GET = route({}, async ({ ctx }) => ({ budgets: await listBudgets({ ctx }) }));

// PUT /api/admin/budgets – set the cap for a user or project and period
export const PUT = route(
  { body: SetBudgetInput, maxBodyBytes: 8 * 1024 },
  async ({ ctx, body }) => ({ budget: await setBudget({ ctx, input: body }) }),
);
