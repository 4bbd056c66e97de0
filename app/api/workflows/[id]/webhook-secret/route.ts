import { route } from "@/lib/http/route";
import { rotateWebhookSecret } from "@/lib/workflows";

// POST /api/workflows/:id/webhook-secret – a new webhook secret, shown once (editors)
export const POST = route({ status: 201 }, async ({ ctx, params }) =>
  rotateWebhookSecret({ ctx, input: { workflowId: params.id } }),
);
