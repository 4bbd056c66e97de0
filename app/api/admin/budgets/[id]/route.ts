import { deleteBudget } from "@/lib/ai/admin";
import { route } from "@/lib/http/route";

// DELETE /api/admin/budgets/:id – remove a cap
export const DELETE = route({ audience: "admin" }, async ({ ctx, params }) => {
  await deleteBudget({ ctx, input: { id: params.id } });
  return new Response(null, { status: 204 });
});
