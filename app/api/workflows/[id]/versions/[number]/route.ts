import { route } from "@/lib/http/route";
import { getVersion } from "@/lib/workflows";

// GET /api/workflows/:id/versions/:number – one version with its graph
export const GET = route({}, async ({ ctx, params }) =>
  getVersion({ ctx, input: { workflowId: params.id, number: params.number } }),
);
