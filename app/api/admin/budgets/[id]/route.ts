import { deleteBudget } from "@/lib/ai/admin-budgets";
import { route } from "@/lib/http/route";

// DELETE /api/admin/budgets/:id – remove a cap
export const DELETE = route<undefined, undefined, { id: string }>({}, async ({ ctx, params }) => {
  await deleteBudget({ ctx, id: params.id });
  return new Response(null, { status: 204 });
});
