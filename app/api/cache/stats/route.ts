import { getCacheStats } from "@/lib/cache/stats";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/cache/stats – response cache entries, bytes, hits, misses, hit rate and $ saved per task type (admin)
export const GET = route({ audience: "admin" }, async ({ ctx }) => getCacheStats({ ctx }));
