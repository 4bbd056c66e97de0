import { models } from "@/lib/gateway/openai-api";
import { webRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/v1/models – OpenAI-compatible model list. Answered by the server entry itself when it
// runs; this route serves the same handler under `next start` and on Vercel.
export const GET = webRoute(models);
