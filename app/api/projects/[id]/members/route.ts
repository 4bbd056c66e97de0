import { route } from "@/lib/http/route";
import { addMember } from "@/lib/projects";
import { AddMemberBody } from "@/lib/projects/schemas";

// POST /api/projects/:id/members – invite an existing user by email with a role (owners)
export const POST = route(
  { body: AddMemberBody, maxBodyBytes: 4 * 1024, status: 201 },
  async ({ ctx, params, body }) => addMember({ ctx, input: { ...body, projectId: params.id } }),
);
