import { importRecords } from "@/lib/databases";
import { ImportRecordsBody, MAX_IMPORT_BYTES } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// POST /api/projects/:id/databases/:dbId/import – { format: csv|json, content } all or nothing, with a per-row report (editors)
export const POST = route(
  { body: ImportRecordsBody, maxBodyBytes: MAX_IMPORT_BYTES + 64 * 1024, status: 201 },
  async ({ ctx, params, body }) =>
    importRecords({ ctx, input: { ...body, projectId: params.id, databaseId: params.dbId } }),
);
