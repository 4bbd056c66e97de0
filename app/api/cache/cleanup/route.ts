import { cleanupCache } from "@/lib/cache/cleanup";
import { route } from "@/lib/http/route";

// POST /api/cache/cleanup – delete expired cache entries now (admin)
export const POST = route({ audience: "admin" }, async ({ ctx }) => cleanupCache({ ctx }));
