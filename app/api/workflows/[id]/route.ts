import { route } from "@/lib/http/route";
import { deleteWorkflow, getWorkflow, updateWorkflow } from "@/lib/workflows";
import { UpdateWorkflowInput } from "@/lib/workflows/schemas";

const UpdateBody = UpdateWorkflowInput.omit({ workflowId: true });

// GET /api/workflows/:id – the workflow, its draft and the draft's problems
export const GET = route({}, async ({ ctx, params }) =>
  getWorkflow({ ctx, input: { workflowId: params.id } }),
);

// PATCH /api/workflows/:id – save the draft and settings (body: revision + what changes)
export const PATCH = route(
  { body: UpdateBody, maxBodyBytes: 2 * 1024 * 1024 },
  async ({ ctx, params, body }) =>
    updateWorkflow({ ctx, input: { ...body, workflowId: params.id } }),
);

// DELETE /api/workflows/:id – delete it with its versions and runs (editors)
export const DELETE = route({}, async ({ ctx, params }) => {
  await deleteWorkflow({ ctx, input: { workflowId: params.id } });
  return new Response(null, { status: 204 });
});
