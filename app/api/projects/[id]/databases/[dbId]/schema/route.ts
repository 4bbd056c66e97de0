import { manageSchema } from "@/lib/databases";
import { SchemaChange } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// POST /api/projects/:id/databases/:dbId/schema – one schema operation; change_type is a dry run unless apply: true
export const POST = route(
  { body: SchemaChange, maxBodyBytes: 64 * 1024 },
  async ({ ctx, params, body }) =>
    manageSchema({ ctx, input: { projectId: params.id, databaseId: params.dbId, change: body } }),
);
