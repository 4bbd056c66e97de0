import { route } from "@/lib/http/route";
import { publishWorkflow } from "@/lib/workflows";
import { PublishInput } from "@/lib/workflows/schemas";

// POST /api/workflows/:id/publish – publish the draft as the next immutable version
export const POST = route(
  { body: PublishInput.omit({ workflowId: true }), maxBodyBytes: 8 * 1024, status: 201 },
  async ({ ctx, params, body }) =>
    publishWorkflow({ ctx, input: { ...body, workflowId: params.id } }),
);
