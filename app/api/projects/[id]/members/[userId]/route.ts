import { route } from "@/lib/http/route";
import { removeMember, updateMember } from "@/lib/projects";
import { UpdateMemberInput } from "@/lib/projects/schemas";

type P = { id: string; userId: string };

// PATCH /api/projects/:id/members/:userId – change a member's role (owners)
export const PATCH = route<UpdateMemberInput, undefined, P>(
  { body: UpdateMemberInput, maxBodyBytes: 4 * 1024 },
  async ({ ctx, params, body }) => ({
    members: await updateMember({ ctx, projectId: params.id, userId: params.userId, input: body }),
  }),
);

// DELETE /api/projects/:id/members/:userId – remove a member (owners) or leave (yourself)
export const DELETE = route<undefined, undefined, P>({}, async ({ ctx, params }) => {
  await removeMember({ ctx, projectId: params.id, userId: params.userId });
  return new Response(null, { status: 204 });
});
