import { route } from "@/lib/http/route";
import { listRuns, startRun } from "@/lib/workflows";
import { ListRunsInput, StartRunInput } from "@/lib/workflows/runs/schemas";

// GET /api/workflows/:id/runs – runs newest first (?status=, ?before=, ?limit=)
export const GET = route(
  { query: ListRunsInput.omit({ workflowId: true }) },
  async ({ ctx, params, query }) => listRuns({ ctx, input: { ...query, workflowId: params.id } }),
);

// POST /api/workflows/:id/runs – start a run ({ input }, or { draft: true } to test the draft)
export const POST = route(
  { body: StartRunInput.omit({ workflowId: true }), maxBodyBytes: 1024 * 1024, status: 202 },
  async ({ ctx, params, body }) => startRun({ ctx, input: { ...body, workflowId: params.id } }),
);
