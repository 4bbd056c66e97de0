import "server-only";
import { createCompletion } from "../ai";
import { getModel, modelNotFound } from "../ai/get-model";
import { listModels } from "../ai/list-models";
import { requireUser } from "../auth/authorize";
import { AppError } from "../errors";
import {
  chunkFrames,
  completionBody,
  fallbackPermission,
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

// POST /api/v1/chat/completions – routed completion (model "auto" routes by task), JSON or SSE;
// an explicit model falls back to another only with `x-route-fallback: allow`
export const chatCompletions = apiHandler(
  { body: OpenAiChatRequest, maxBodyBytes: 4 * 1024 * 1024, rateLimit: "ai" },
  async ({ req, ctx, body }) => {
    const out = await createCompletion({
      ctx,
      input: toCompletionRequest(body, fallbackPermission(req.headers)),
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

/** A model as OpenAI's API shows it: `created` is unknown for routed models (0), as for "auto". */
const openAiModel = (id: string, ownedBy: string) => ({
  id,
  object: "model",
  created: 0,
  owned_by: ownedBy,
});
const AUTO_MODEL = openAiModel("auto", "router");

// GET /api/v1/models – "auto" plus every model the router can reach
export const models = apiHandler({}, async ({ ctx }) => {
  const { models } = await listModels({ ctx });
  return {
    object: "list",
    data: [AUTO_MODEL, ...models.map((m) => openAiModel(m.id, m.provider))],
  };
});

const MODELS_PREFIX = "/api/v1/models/";

// GET /api/v1/models/:id – one of them (the SDK's models.retrieve); an unknown id → 404
// model_not_found. The id is the rest of the path, so ids holding "/" (OpenRouter's) work.
export const model = apiHandler({}, async ({ ctx, req }) => {
  let id: string;
  try {
    id = decodeURIComponent(req.url.pathname.slice(MODELS_PREFIX.length));
  } catch {
    throw modelNotFound(req.url.pathname.slice(MODELS_PREFIX.length));
  }
  if (id === "auto") {
    requireUser(ctx, { scope: "read" }); // the same check as for any other id
    return AUTO_MODEL;
  }
  const m = await getModel({ ctx, input: { id } });
  return openAiModel(m.id, m.provider);
});

// Any other method or path under /api/v1 – OpenAI's 404 "Invalid URL (METHOD /path)", so an SDK
// call this API does not offer (embeddings, a wrong base URL) fails as NotFoundError, not on an
// HTML page. Served by Next.js on both deployments (app/api/v1/[[...path]], the routes' other
// methods): the server entry hands these to Next.
export const unknownEndpoint = apiHandler({}, async ({ req }) => {
  throw new AppError("not_found", `Invalid URL (${req.method} ${req.url.pathname}).`);
});

/** The paths the server entry answers itself: "METHOD /path", matched exactly. */
export const GATEWAY_ROUTES: Readonly<Record<string, ApiHandler>> = {
  "POST /api/v1/chat/completions": chatCompletions,
  "GET /api/v1/models": models,
};

/** And those under a prefix: the rest of the path (never empty) is the handler's to read. */
const GATEWAY_PREFIX_ROUTES: readonly { method: string; prefix: string; handler: ApiHandler }[] = [
  { method: "GET", prefix: MODELS_PREFIX, handler: model },
];

const under = (path: string, prefix: string) =>
  path.length > prefix.length && path.startsWith(prefix);

const EXACT_PATHS = new Set(Object.keys(GATEWAY_ROUTES).map((k) => k.slice(k.indexOf(" ") + 1)));

/** The handler the server entry answers `method path` with, if it answers it itself. */
export function gatewayRoute(method: string, path: string): ApiHandler | undefined {
  return (
    GATEWAY_ROUTES[`${method} ${path}`] ??
    GATEWAY_PREFIX_ROUTES.find((r) => r.method === method && under(path, r.prefix))?.handler
  );
}

/** Whether the server entry answers some method on this path (and so its CORS preflight). */
export const isGatewayPath = (path: string): boolean =>
  EXACT_PATHS.has(path) || GATEWAY_PREFIX_ROUTES.some((r) => under(path, r.prefix));
