import { createRecord } from "@/lib/databases";
import { MAX_RECORD_BYTES, RecordBody } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// POST /api/projects/:id/databases/:dbId/records – add a record { data: { <fieldId>: value } } (editors)
export const POST = route(
  { body: RecordBody, maxBodyBytes: MAX_RECORD_BYTES + 4096, status: 201 },
  async ({ ctx, params, body }) =>
    createRecord({ ctx, input: { ...body, projectId: params.id, databaseId: params.dbId } }),
);
