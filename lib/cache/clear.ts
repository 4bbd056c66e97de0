import "server-only";
import { recordAudit } from "../audit/record";
import { requireAdmin } from "../auth/authorize";
import type { Ctx } from "../context";
import { ClearCacheQuery } from "./schemas";

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
