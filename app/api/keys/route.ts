import { createApiKey, CreateApiKeyInput, listApiKeys } from "@/lib/api-keys";
import { route } from "@/lib/http/route";

// GET /api/keys – the caller's API keys (prefix, name, scopes, last used, expiry; never the key)
export const GET = route({}, async ({ ctx }) => listApiKeys({ ctx }));

// POST /api/keys – create a key; the full key is in this response only
export const POST = route(
  { body: CreateApiKeyInput, maxBodyBytes: 8 * 1024, status: 201 },
  async ({ ctx, body }) => createApiKey({ ctx, input: body }),
);
