import { listModels } from "@/lib/ai/list-models";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/v1/models – OpenAI-compatible model list: "auto" plus every model the router can reach
export const GET = route({}, async ({ ctx }) => {
  const { models } = await listModels({ ctx });
  return {
    object: "list",
    data: [
      { id: "auto", object: "model", created: 0, owned_by: "router" },
      ...models.map((m) => ({ id: m.id, object: "model", created: 0, owned_by: m.provider })),
    ],
  };
});
