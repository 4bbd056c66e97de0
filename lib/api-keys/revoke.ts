import { and, eq } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { notFound } from "../errors";
import { ApiKeyId, RevokeApiKeyInput, type ApiKeySummary } from "./schemas";
import { summary } from "./summary";

/** Revokes one of the caller's keys; someone else's key id is "not found", exactly like a missing one. */
export async function revokeApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ key: ApiKeySummary }> {
  const actor = requireUser(ctx, { session: true });
  const { id } = RevokeApiKeyInput.parse(input);
  const parsedId = ApiKeyId.safeParse(id);
  if (!parsedId.success) throw notFound("API key");
  const result = await withTransaction(ctx, async (tx) => {
    const [existing] = await tx.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, parsedId.data), eq(apiKeys.userId, actor.userId)));
    if (!existing) throw notFound("API key");
    if (existing.revokedAt) return { key: summary(existing) };
    const [row] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: tx.clock.now() })
      .where(eq(apiKeys.id, existing.id))
      .returning();
    await recordAudit(tx, {
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: existing.id,
      metadata: { name: existing.name, prefix: existing.prefix },
    });
    return { key: summary(row!) };
  });
  // Committed: refused at once here; other processes follow through the change feed.
  ctx.principals.forgetKey(result.key.id);
  return result;
}
