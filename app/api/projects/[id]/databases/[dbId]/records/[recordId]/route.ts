import { deleteRecord, updateRecord } from "@/lib/databases";
import { MAX_RECORD_BYTES, RecordBody } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// PATCH /api/projects/:id/databases/:dbId/records/:recordId – change some values (editors)
export const PATCH = route(
  { body: RecordBody, maxBodyBytes: MAX_RECORD_BYTES + 4096 },
  async ({ ctx, params, body }) =>
    updateRecord({
      ctx,
      input: { ...body, projectId: params.id, databaseId: params.dbId, recordId: params.recordId },
    }),
);

// DELETE /api/projects/:id/databases/:dbId/records/:recordId – delete a record (editors)
export const DELETE = route({}, async ({ ctx, params }) => {
  const input = { projectId: params.id, databaseId: params.dbId, recordId: params.recordId };
  await deleteRecord({ ctx, input });
  return new Response(null, { status: 204 });
});
