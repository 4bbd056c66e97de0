import { route } from "@/lib/http/route";
import { createProject, listProjects } from "@/lib/projects";
import { CreateProjectInput, ListProjectsInput } from "@/lib/projects/schemas";

// GET /api/projects – the caller's projects (?q=, ?status=active|archived|all, ?page=, ?pageSize=)
export const GET = route({ query: ListProjectsInput }, async ({ ctx, query }) =>
  listProjects({ ctx, input: query }),
);

// POST /api/projects – create a project (the caller becomes its owner)
export const POST = route(
  { body: CreateProjectInput, maxBodyBytes: 16 * 1024, status: 201 },
  async ({ ctx, body }) => createProject({ ctx, input: body }),
);
