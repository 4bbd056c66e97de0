import { updateUser, UpdateUserInput } from "@/lib/admin";
import { route } from "@/lib/http/route";

// PATCH /api/admin/users/:id – change a user's role, tier or disabled state (admin)
export const PATCH = route<UpdateUserInput, undefined, { id: string }>(
  { body: UpdateUserInput, maxBodyBytes: 4096 },
  async ({ ctx, params, body }) => ({
    user: await updateUser({ ctx, id: params.id, input: body }),
  }),
);
