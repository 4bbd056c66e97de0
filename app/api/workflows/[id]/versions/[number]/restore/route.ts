import { route } from "@/lib/http/route";
import { restoreVersion } from "@/lib/workflows";

// POST /api/workflows/:id/versions/:number/restore – copy a version into the draft
export const POST = route({}, async ({ ctx, params }) =>
  restoreVersion({ ctx, input: { workflowId: params.id, number: params.number } }),
);
