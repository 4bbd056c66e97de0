import { exportRecords } from "@/lib/databases";
import { ExportQuery } from "@/lib/databases/schemas";
import { route } from "@/lib/http/route";

// GET /api/projects/:id/databases/:dbId/export?format=csv|json – download every record
export const GET = route({ query: ExportQuery }, async ({ ctx, params, query }) => {
  const file = await exportRecords({
    ctx,
    input: { ...query, projectId: params.id, databaseId: params.dbId },
  });
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
});
