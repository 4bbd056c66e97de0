import { models, unknownEndpoint } from "@/lib/gateway/openai-api";
import { urlRoute, webRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/v1/models – OpenAI-compatible model list. Answered by the server entry itself when it
// runs; this route serves the same handler under `next start` and on Vercel.
export const GET = webRoute(models);

// POST, PUT, PATCH, DELETE /api/v1/models – not offered: OpenAI's 404 "Invalid URL"
export const POST = urlRoute(unknownEndpoint);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
