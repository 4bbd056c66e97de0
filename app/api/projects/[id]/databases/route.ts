import { createDatabase, listDatabases } from "@/lib/databases";
import { CreateDatabaseBody } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// GET /api/projects/:id/databases – the project's databases with their schemas and record counts
export const GET = route({}, async ({ ctx, params }) =>
  listDatabases({ ctx, input: { projectId: params.id } }),
);

// POST /api/projects/:id/databases – create a database (editors)
export const POST = route(
  { body: CreateDatabaseBody, maxBodyBytes: 256 * 1024, status: 201 },
  async ({ ctx, params, body }) =>
    createDatabase({ ctx, input: { ...body, projectId: params.id } }),
);
