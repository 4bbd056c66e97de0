import "server-only";
import { createCompletion } from "../ai";
import { listModels } from "../ai/list-models";
import {
  chunkFrames,
  completionBody,
  OpenAiChatRequest,
  toCompletionRequest,
} from "../http/openai-compat";
import { routeHeaders } from "../http/route-headers";
import { JsonAnswer, SseAnswer } from "../http/answer";
import { apiHandler, type ApiHandler } from "../http/route";

/**
 * The OpenAI-compatible API as transport-neutral handlers: the server entry answers these paths
 * itself (lib/server/gateway.ts), and app/api/v1/* serves the same handlers as Next.js route
 * handlers (`next start`, Vercel). One function per endpoint, so the two cannot drift.
 */

// POST /api/v1/chat/completions – routed completion (model "auto" routes by task), JSON or SSE
export const chatCompletions = apiHandler(
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
      return JsonAnswer.of(completionBody(out.result, id, created), {
        headers: routeHeaders(out.result.decision, out.result),
      });
    }
    const includeUsage = Boolean(body.stream_options?.include_usage);
    return new SseAnswer(
      chunkFrames(out.handle, { id, includeUsage, created }),
      routeHeaders(out.handle.decision),
    );
  },
);

// GET /api/v1/models – "auto" plus every model the router can reach
export const models = apiHandler({}, async ({ ctx }) => {
  const { models } = await listModels({ ctx });
  return {
    object: "list",
    data: [
      { id: "auto", object: "model", created: 0, owned_by: "router" },
      ...models.map((m) => ({ id: m.id, object: "model", created: 0, owned_by: m.provider })),
    ],
  };
});

/** The paths the server entry answers itself: "METHOD /path", matched exactly. */
export const GATEWAY_ROUTES: Readonly<Record<string, ApiHandler>> = {
  "POST /api/v1/chat/completions": chatCompletions,
  "GET /api/v1/models": models,
};
