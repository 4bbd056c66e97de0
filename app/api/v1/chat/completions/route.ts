import { createCompletion } from "@/lib/ai/create-completion";
import { routeHeaders } from "@/lib/ai/headers";
import {
  chunkFrames,
  completionBody,
  OpenAiChatRequest,
  toCompletionRequest,
} from "@/lib/ai/openai-compat";
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
    });
    const id = `chatcmpl-${ctx.requestId}`;
    if (!out.stream)
      return Response.json(completionBody(out.result, id), {
        headers: routeHeaders(out.result.decision, out.result),
      });
    return sseResponse(
      chunkFrames(out.handle, { id, includeUsage: Boolean(body.stream_options?.include_usage) }),
      routeHeaders(out.handle.decision),
    );
  },
);
