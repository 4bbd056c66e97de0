import { listRecords } from "@/lib/databases";
import { ListRecordsBody } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// POST /api/projects/:id/databases/:dbId/records/query – records with { filters, sort, page, pageSize } (any member)
export const POST = route(
  { body: ListRecordsBody, maxBodyBytes: 16 * 1024 },
  async ({ ctx, params, body }) =>
    listRecords({ ctx, input: { ...body, projectId: params.id, databaseId: params.dbId } }),
);
