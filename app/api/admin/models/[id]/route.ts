import { resetModel, upsertModel } from "@/lib/ai/admin";
import { UpsertModelBody } from "@/lib/ai/admin/schemas";
import { route } from "@/lib/http/route";

// PUT /api/admin/models/:id – add a model or override a shipped one
export const PUT = route(
  { audience: "admin", body: UpsertModelBody, maxBodyBytes: 8 * 1024 },
  async ({ ctx, params, body }) => upsertModel({ ctx, input: { ...body, id: params.id } }),
);

// DELETE /api/admin/models/:id – drop the edit (a shipped model returns to its defaults)
export const DELETE = route({ audience: "admin" }, async ({ ctx, params }) => {
  await resetModel({ ctx, input: { id: params.id } });
  return new Response(null, { status: 204 });
});
