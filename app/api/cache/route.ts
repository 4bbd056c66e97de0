import { clearCache } from "@/lib/cache/clear";
import { ClearCacheQuery } from "@/lib/cache/schemas";
import { route } from "@/lib/http/route";

// DELETE /api/cache – delete all cached answers, or one task type's with ?taskType= (admin)
export const DELETE = route({ audience: "admin", query: ClearCacheQuery }, async ({ ctx, query }) =>
  clearCache({ ctx, input: query }),
);
