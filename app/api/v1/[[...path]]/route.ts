import { unknownEndpoint } from "@/lib/gateway/openai-api";
import { urlRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET, POST, PUT, PATCH, DELETE /api/v1/* – any path this API does not offer: OpenAI's 404
// "Invalid URL (METHOD /path)" in its envelope, so an SDK raises NotFoundError (not on HTML)
export const GET = urlRoute(unknownEndpoint);
export const POST = GET;
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
