import { route } from "@/lib/http/route";
import { triggerWebhook } from "@/lib/workflows";

const MAX_BODY = 1024 * 1024;

// POST /api/workflows/:id/webhook – start a run (HMAC X-Signature or Bearer secret; Idempotency-Key)
export const POST = route(
  { audience: "public", rateLimit: "api", ownAuthorization: true },
  async ({ req, ctx, params }) => {
    const { run, created } = await triggerWebhook({
      ctx,
      input: {
        workflowId: params.id ?? "",
        body: await req.text(MAX_BODY),
        signature: req.headers.get("x-signature"),
        authorization: req.headers.get("authorization"),
        idempotencyKey: req.headers.get("idempotency-key"),
      },
    });
    return Response.json({ run: { id: run.id, status: run.status }, created }, { status: 202 });
  },
);
