import { resetModel, upsertModel } from "@/lib/ai/admin-catalogue";
import { UpsertModelInput } from "@/lib/ai/admin-schemas";
import { route } from "@/lib/http/route";

type P = { id: string };

// PUT /api/admin/models/:id – add a model or override a shipped one
export const PUT = route<UpsertModelInput, undefined, P>(
  { body: UpsertModelInput, maxBodyBytes: 8 * 1024 },
  async ({ ctx, params, body }) => ({
    model: await upsertModel({ ctx, id: params.id, input: body }),
  }),
);

// DELETE /api/admin/models/:id – drop the edit (a shipped model returns to its defaults)
export const DELETE = route<undefined, undefined, P>({}, async ({ ctx, params }) => {
  await resetModel({ ctx, id: params.id });
  return new Response(null, { status: 204 });
});
