import { model } from "@/lib/gateway/openai-api";
import { webRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const get = webRoute(model);

// GET /api/v1/models/:id – one OpenAI-compatible model (the SDK's models.retrieve). The handler
// reads the id from the path itself (ids may hold "/"), as the server entry, which answers this
// path itself when it runs, does.
export const GET = (req: Request) => get(req, { params: Promise.resolve({}) });
