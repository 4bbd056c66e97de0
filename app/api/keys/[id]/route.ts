import { revokeApiKey } from "@/lib/api-keys";
import { route } from "@/lib/http/route";

// DELETE /api/keys/:id – revoke one of the caller's keys (it stops working at once)
export const DELETE = route({}, async ({ ctx, params }) =>
  revokeApiKey({ ctx, input: { id: params.id } }),
);
