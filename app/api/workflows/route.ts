import { route } from "@/lib/http/route";
import { createWorkflow, listWorkflows } from "@/lib/workflows";
import { CreateWorkflowInput, ListWorkflowsInput } from "@/lib/workflows/schemas";

// GET /api/workflows – the workflows of the caller's projects (?projectId=, ?q=)
export const GET = route({ query: ListWorkflowsInput }, async ({ ctx, query }) =>
  listWorkflows({ ctx, input: query }),
);

// POST /api/workflows – create a workflow in a project (blank, from a graph, or from a template)
export const POST = route(
  { body: CreateWorkflowInput, maxBodyBytes: 2 * 1024 * 1024, status: 201 },
  async ({ ctx, body }) => createWorkflow({ ctx, input: body }),
);
