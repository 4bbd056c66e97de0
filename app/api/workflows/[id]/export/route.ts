import { route } from "@/lib/http/route";
import { exportWorkflow } from "@/lib/workflows";
import { workflowFileName } from "@/lib/workflows/export-format";

// GET /api/workflows/:id/export – the workflow as a JSON file to download (any project member)
export const GET = route({}, async ({ ctx, params }) => {
  const { file } = await exportWorkflow({ ctx, input: { workflowId: params.id } });
  return new Response(`${JSON.stringify(file, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${workflowFileName(file.name)}"`,
      "cache-control": "no-store",
    },
  });
});
