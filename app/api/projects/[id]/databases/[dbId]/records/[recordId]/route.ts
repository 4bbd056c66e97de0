import { deleteRecord, updateRecord } from "@/lib/databases";
import { MAX_RECORD_BYTES, RecordInput } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

type P = { id: string; dbId: string; recordId: string };

// PATCH /api/projects/:id/databases/:dbId/records/:recordId – change some values (editors)
export const PATCH = route<unknown, undefined, P>(
  { body: RecordInput, maxBodyBytes: MAX_RECORD_BYTES + 4096 },
  async ({ ctx, params, body }) => ({
    record: await updateRecord({
      ctx,
      projectId: params.id,
      databaseId: params.dbId,
      id: params.recordId,
      input: body,
    }),
  }),
);

// DELETE /api/projects/:id/databases/:dbId/records/:recordId – delete a record (editors)
export const DELETE = route<undefined, undefined, P>({}, async ({ ctx, params }) => {
  await deleteRecord({ ctx, projectId: params.id, databaseId: params.dbId, id: params.recordId });
  return new Response(null, { status: 204 });
});
