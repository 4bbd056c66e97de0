import { route } from "@/lib/http/route";
import { validateGraph } from "@/lib/workflows";
import { ValidateInput } from "@/lib/workflows/schemas";

// POST /api/workflows/validate – every problem of a graph, per node and edge (for the canvas)
export const POST = route(
  { body: ValidateInput, maxBodyBytes: 2 * 1024 * 1024 },
  async ({ body }) => {
    const { ok, issues } = validateGraph(body.graph);
    return { ok, issues };
  },
);
