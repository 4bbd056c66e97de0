import "server-only";
import { recordAudit } from "../audit/record";
import { requireAdmin } from "../auth/authorize";
import type { Ctx } from "../context";

/** Deletes expired entries now (the scheduler also does it every CACHE_CLEANUP_INTERVAL_SECONDS). */
export async function cleanupCache({ ctx }: { ctx: Ctx }): Promise<{ removed: number }> {
  requireAdmin(ctx);
  const removed = ctx.cache.cleanup();
  await recordAudit(ctx, { action: "cache.cleanup", metadata: { removed } });
  return { removed };
}
