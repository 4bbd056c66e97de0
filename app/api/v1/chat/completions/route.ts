import { createCompletion } from "@/lib/ai";
import {
  chunkFrames,
  completionBody,
  OpenAiChatRequest,
  toCompletionRequest,
} from "@/lib/http/openai-compat";
import { routeHeaders } from "@/lib/http/route-headers";
import { route } from "@/lib/http/route";
import { sseResponse } from "@/lib/http/sse";

export const dynamic = "force-dynamic";

// POST /api/v1/chat/completions – OpenAI-compatible routed completion (model "auto" routes by task), JSON or SSE
export const POST = route(
  { body: OpenAiChatRequest, maxBodyBytes: 4 * 1024 * 1024, rateLimit: "ai" },
  async ({ req, ctx, body }) => {
    const out = await createCompletion({
      ctx,
      input: toCompletionRequest(body),
      signal: req.signal,
      source: "api",
    });
    const id = `chatcmpl-${ctx.requestId}`;
    const created = Math.floor(ctx.clock.now().getTime() / 1000);
    if (!out.stream) {
      return Response.json(completionBody(out.result, id, created), {
        headers: routeHeaders(out.result.decision, out.result),
      });
    }
    const includeUsage = Boolean(body.stream_options?.include_usage);
    return sseResponse(
      chunkFrames(out.handle, { id, includeUsage, created }),
      routeHeaders(out.handle.decision),
    );
  },
);
