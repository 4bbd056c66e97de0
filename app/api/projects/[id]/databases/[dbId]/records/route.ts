import { createRecord } from "@/lib/databases";
import { MAX_RECORD_BYTES, RecordInput } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// POST /api/projects/:id/databases/:dbId/records – add a record { data: { <fieldId>: value } } (editors)
export const POST = route<unknown, undefined, { id: string; dbId: string }>(
  { body: RecordInput, maxBodyBytes: MAX_RECORD_BYTES + 4096, status: 201 },
  async ({ ctx, params, body }) => ({
    record: await createRecord({ ctx, projectId: params.id, databaseId: params.dbId, input: body }),
  }),
);
