import { route } from "@/lib/http/route";
import { rerunFromStep } from "@/lib/workflows";
import { RerunInput } from "@/lib/workflows/runs/schemas";

// POST /api/workflow-runs/:runId/rerun – run again from a step ({ fromNodeId }), reusing the earlier outputs
export const POST = route(
  { body: RerunInput.omit({ runId: true }), maxBodyBytes: 4 * 1024, status: 202 },
  async ({ ctx, params, body }) => rerunFromStep({ ctx, input: { ...body, runId: params.runId } }),
);
