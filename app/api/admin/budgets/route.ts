import { listBudgets, setBudget } from "@/lib/ai/admin";
import { SetBudgetInput } from "@/lib/ai/admin/schemas";
import { route } from "@/lib/http/route";

// GET /api/admin/budgets – every AI spending cap
export const GET = route({ audience: "admin" }, async ({ ctx }) => listBudgets({ ctx }));

// PUT /api/admin/budgets – set the cap for a user or project and period
export const PUT = route(
  { audience: "admin", body: SetBudgetInput, maxBodyBytes: 8 * 1024 },
  async ({ ctx, body }) => setBudget({ ctx, input: body }),
);
