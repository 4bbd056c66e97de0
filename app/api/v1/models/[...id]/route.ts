import { model, unknownEndpoint } from "@/lib/gateway/openai-api";
import { urlRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/v1/models/:id – one OpenAI-compatible model (the SDK's models.retrieve). The handler
// reads the id from the path itself (ids may hold "/"), as the server entry, which answers this
// path itself when it runs, does.
export const GET = urlRoute(model);

// POST, PUT, PATCH, DELETE /api/v1/models/:id – not offered: OpenAI's 404 "Invalid URL"
export const POST = urlRoute(unknownEndpoint);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
