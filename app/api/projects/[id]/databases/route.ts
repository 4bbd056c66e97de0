import { createDatabase, listDatabases } from "@/lib/databases";
import { CreateDatabaseInput } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

type P = { id: string };

// GET /api/projects/:id/databases – the project's databases with their schemas and record counts
export const GET = route<undefined, undefined, P>({}, async ({ ctx, params }) => ({
  databases: await listDatabases({ ctx, projectId: params.id }),
}));

// POST /api/projects/:id/databases – create a database (editors)
export const POST = route<unknown, undefined, P>(
  { body: CreateDatabaseInput, maxBodyBytes: 256 * 1024, status: 201 },
  async ({ ctx, params, body }) => ({
    database: await createDatabase({ ctx, projectId: params.id, input: body }),
  }),
);
