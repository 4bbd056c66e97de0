import { dropDatabase, getDatabase } from "@/lib/databases";
import { route } from "@/lib/http/route";

type P = { id: string; dbId: string };

// GET /api/projects/:id/databases/:dbId – one database: schema, version, record count
export const GET = route<undefined, undefined, P>({}, async ({ ctx, params }) => ({
  database: await getDatabase({ ctx, projectId: params.id, id: params.dbId }),
}));

// DELETE /api/projects/:id/databases/:dbId – drop it with its records (editors)
export const DELETE = route<undefined, undefined, P>({}, async ({ ctx, params }) => {
  await dropDatabase({ ctx, projectId: params.id, id: params.dbId });
  return new Response(null, { status: 204 });
});
