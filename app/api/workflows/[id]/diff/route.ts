import { route } from "@/lib/http/route";
import { diffVersions } from "@/lib/workflows";
import { DiffInput } from "@/lib/workflows/schemas";

// GET /api/workflows/:id/diff?from=1&to=2 – what changed between two versions (0: the draft)
export const GET = route(
  { query: DiffInput.omit({ workflowId: true }) },
  async ({ ctx, params, query }) =>
    diffVersions({ ctx, input: { ...query, workflowId: params.id } }),
);
