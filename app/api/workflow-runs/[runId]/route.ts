import { route } from "@/lib/http/route";
import { getRun } from "@/lib/workflows";

// GET /api/workflow-runs/:runId – the run, its steps and approvals
export const GET = route({}, async ({ ctx, params }) =>
  getRun({ ctx, input: { runId: params.runId } }),
);
