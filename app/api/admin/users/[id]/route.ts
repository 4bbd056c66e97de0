import { updateUser, UpdateUserBody } from "@/lib/admin";
import { route } from "@/lib/http/route";

// PATCH /api/admin/users/:id – change a user's role, tier or disabled state (admin)
export const PATCH = route(
  { audience: "admin", body: UpdateUserBody, maxBodyBytes: 4096 },
  async ({ ctx, params, body }) => updateUser({ ctx, input: { ...body, id: params.id } }),
);
