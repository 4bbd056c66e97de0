import { cleanupCache } from "@/lib/cache/admin";
import { route } from "@/lib/http/route";

// POST /api/cache/cleanup – delete expired cache entries now (admin)
export const POST = route({}, async ({ ctx }) => cleanupCache({ ctx }));
