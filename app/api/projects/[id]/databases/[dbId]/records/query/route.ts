import { listRecords } from "@/lib/databases";
import { ListRecordsInput } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// POST /api/projects/:id/databases/:dbId/records/query – records with { filters, sort, page, pageSize } (any member)
export const POST = route<unknown, undefined, { id: string; dbId: string }>(
  { body: ListRecordsInput, maxBodyBytes: 16 * 1024 },
  async ({ ctx, params, body }) =>
    listRecords({ ctx, projectId: params.id, databaseId: params.dbId, input: body }),
);
