import "server-only";
import { z } from "zod";
import { TASK_TYPES } from "../ai/task-types";
import { recordAudit } from "../audit/record";
import { requireAdmin } from "../auth/authorize";
import type { Ctx } from "../context";
import type { CacheStats } from "./types";

export const ClearCacheQuery = z
  .object({
    taskType: z
      .enum(TASK_TYPES, { error: `must be one of ${TASK_TYPES.join(", ")}` })
      .optional()
      .describe("Only this task type's entries; all when omitted"),
  })
  .strict();
export type ClearCacheQuery = z.infer<typeof ClearCacheQuery>;

export type CacheReport = CacheStats & { status: "ok" | "degraded"; file: string; error?: string };

/** Entries, bytes, hits, misses, hit rate and $ saved, overall and per task type. Admin only. */
export function getCacheStats({ ctx }: { ctx: Ctx }): CacheReport {
  requireAdmin(ctx);
  const cache = ctx.cache;
  return {
    status: cache.status,
    file: cache.file,
    ...(cache.lastError && { error: cache.lastError }),
    ...cache.stats(),
  };
}

/** Deletes expired entries now (the scheduler also does it every CACHE_CLEANUP_INTERVAL_SECONDS). */
export async function cleanupCache({ ctx }: { ctx: Ctx }): Promise<{ removed: number }> {
  requireAdmin(ctx);
  const removed = ctx.cache.cleanup();
  await recordAudit(ctx, { action: "cache.cleanup", metadata: { removed } });
  return { removed };
}

/** Deletes every entry, or one task type's. Audited. */
export async function clearCache({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ removed: number }> {
  requireAdmin(ctx);
  const { taskType } = ClearCacheQuery.parse(input ?? {});
  const removed = ctx.cache.clear(taskType);
  await recordAudit(ctx, {
    action: "cache.clear",
    metadata: { removed, taskType: taskType ?? "all" },
  });
  return { removed };
}
