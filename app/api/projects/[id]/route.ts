import { route } from "@/lib/http/route";
import { deleteProject, getProject, updateProject } from "@/lib/projects";
import { DeleteProjectInput, UpdateProjectInput } from "@/lib/projects/schemas";

type P = { id: string };

// GET /api/projects/:id – the project and its members
export const GET = route<undefined, undefined, P>({}, async ({ ctx, params }) =>
  getProject({ ctx, id: params.id }),
);

// PATCH /api/projects/:id – rename, describe (editors), archive or restore (owners)
export const PATCH = route<UpdateProjectInput, undefined, P>(
  { body: UpdateProjectInput, maxBodyBytes: 16 * 1024 },
  async ({ ctx, params, body }) => ({
    project: await updateProject({ ctx, id: params.id, input: body }),
  }),
);

// DELETE /api/projects/:id – delete for good (owners), body { confirm: "<exact name>" }
export const DELETE = route<DeleteProjectInput, undefined, P>(
  { body: DeleteProjectInput, maxBodyBytes: 4 * 1024 },
  async ({ ctx, params, body }) => {
    await deleteProject({ ctx, id: params.id, input: body });
    return new Response(null, { status: 204 });
  },
);
