import { listModels } from "@/lib/ai/list-models";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/ai/models – models the caller can route to, and each provider's status / how to add it
export const GET = route({}, async ({ ctx }) => listModels({ ctx }));
