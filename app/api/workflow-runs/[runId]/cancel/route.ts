import { route } from "@/lib/http/route";
import { cancelRun } from "@/lib/workflows";

// POST /api/workflow-runs/:runId/cancel – stop the run
export const POST = route({}, async ({ ctx, params }) =>
  cancelRun({ ctx, input: { runId: params.runId } }),
);
