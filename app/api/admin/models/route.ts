import { listCatalogue } from "@/lib/ai/admin";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/admin/models – the whole model catalogue (defaults, edits, custom, disabled) and provider status
export const GET = route({ audience: "admin" }, async ({ ctx }) => listCatalogue({ ctx }));
