import { route } from "@/lib/http/route";
import { listTemplates } from "@/lib/workflows";

// GET /api/workflows/templates – ready workflows to start from
export const GET = route({}, async () => ({ templates: listTemplates() }));
