import { route } from "@/lib/http/route";
import { listVersions } from "@/lib/workflows";

// GET /api/workflows/:id/versions – published versions, newest first
export const GET = route({}, async ({ ctx, params }) =>
  listVersions({ ctx, input: { workflowId: params.id } }),
);
