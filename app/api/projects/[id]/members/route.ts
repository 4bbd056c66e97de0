import { route } from "@/lib/http/route";
import { addMember } from "@/lib/projects";
import { AddMemberInput } from "@/lib/projects/schemas";

// POST /api/projects/:id/members – invite an existing user by email with a role (owners)
export const POST = route<AddMemberInput, undefined, { id: string }>(
  { body: AddMemberInput, maxBodyBytes: 4 * 1024, status: 201 },
  async ({ ctx, params, body }) => ({
    members: await addMember({ ctx, projectId: params.id, input: body }),
  }),
);
