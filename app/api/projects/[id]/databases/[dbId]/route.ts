import { dropDatabase, getDatabase } from "@/lib/databases";
import { route } from "@/lib/http/route";

// GET /api/projects/:id/databases/:dbId – one database: schema, version, record count
export const GET = route({}, async ({ ctx, params }) =>
  getDatabase({ ctx, input: { projectId: params.id, databaseId: params.dbId } }),
);

// DELETE /api/projects/:id/databases/:dbId – drop it with its records (editors)
export const DELETE = route({}, async ({ ctx, params }) => {
  await dropDatabase({ ctx, input: { projectId: params.id, databaseId: params.dbId } });
  return new Response(null, { status: 204 });
});
