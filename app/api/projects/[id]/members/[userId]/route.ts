import { route } from "@/lib/http/route";
import { removeMember, updateMember } from "@/lib/projects";
import { UpdateMemberBody } from "@/lib/projects/schemas";

// PATCH /api/projects/:id/members/:userId – change a member's role (owners)
export const PATCH = route(
  { body: UpdateMemberBody, maxBodyBytes: 4 * 1024 },
  async ({ ctx, params, body }) =>
    updateMember({ ctx, input: { ...body, projectId: params.id, userId: params.userId } }),
);

// DELETE /api/projects/:id/members/:userId – remove a member (owners) or leave (yourself)
export const DELETE = route({}, async ({ ctx, params }) => {
  await removeMember({ ctx, input: { projectId: params.id, userId: params.userId } });
  return new Response(null, { status: 204 });
});
