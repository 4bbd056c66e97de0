import { chatCompletions } from "@/lib/gateway/openai-api";
import { webRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// POST /api/v1/chat/completions – OpenAI-compatible routed completion, JSON or SSE. The server
// entry (server.ts) answers this path itself; this route serves the same handler under
// `next start` and on Vercel.
export const POST = webRoute(chatCompletions);
