import { chatCompletions, unknownEndpoint } from "@/lib/gateway/openai-api";
import { urlRoute, webRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /api/v1/chat/completions – OpenAI-compatible routed completion, JSON or SSE. The server
// entry (server.ts) answers this path itself; this route serves the same handler under
// `next start` and on Vercel.
export const POST = webRoute(chatCompletions);

// GET, PUT, PATCH, DELETE /api/v1/chat/completions – not offered: OpenAI's 404 "Invalid URL"
export const GET = urlRoute(unknownEndpoint);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
