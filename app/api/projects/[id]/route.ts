import { route } from "@/lib/http/route";
import { deleteProject, getProject, updateProject } from "@/lib/projects";
import { DeleteProjectBody, UpdateProjectBody } from "@/lib/projects/schemas";

// GET /api/projects/:id – the project and its members
export const GET = route({}, async ({ ctx, params }) =>
  getProject({ ctx, input: { id: params.id } }),
);

// PATCH /api/projects/:id – rename, describe (editors), archive or restore (owners)
export const PATCH = route(
  { body: UpdateProjectBody, maxBodyBytes: 16 * 1024 },
  async ({ ctx, params, body }) => updateProject({ ctx, input: { ...body, id: params.id } }),
);

// DELETE /api/projects/:id – delete for good (owners), body { confirm: "<exact name>" }
export const DELETE = route(
  { body: DeleteProjectBody, maxBodyBytes: 4 * 1024 },
  async ({ ctx, params, body }) => {
    await deleteProject({ ctx, input: { ...body, id: params.id } });
    return new Response(null, { status: 204 });
  },
);
