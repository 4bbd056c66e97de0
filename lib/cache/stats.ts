import "server-only";
import { requireAdmin } from "../auth/authorize";
import type { Ctx } from "../context";
import type { CacheReport } from "./schemas";

/** Entries, bytes, hits, misses, hit rate and $ saved, overall and per task type. Admin only. */
export function getCacheStats({ ctx }: { ctx: Ctx }): CacheReport {
  requireAdmin(ctx);
  const cache = ctx.cache;
  return {
    status: cache.status,
    writesFailing: cache.writesFailing,
    quarantined: cache.quarantined,
    ...(cache.lastQuarantined && { lastQuarantined: cache.lastQuarantined }),
    corruptEntries: cache.corruptEntries,
    file: cache.file,
    ...(cache.lastError && { error: cache.lastError }),
    ...cache.stats(),
  };
}
