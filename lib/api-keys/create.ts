import { and, eq, isNull, sql } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { validationError } from "../errors";
import { CreateApiKeyInput, type ApiKeySummary } from "./schemas";
import { summary } from "./summary";
import { generateApiKey } from "./token";

const MAX_ACTIVE_KEYS = 50;

/**
 * Creates a key and returns it in full exactly once; only its SHA-256 is stored. Keys are managed
 * from a signed-in session (a key cannot mint keys), and only admins may grant the admin scope.
 */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const actor = requireUser(ctx, { session: true });
  const parsed = CreateApiKeyInput.parse(input);
  if (parsed.scopes.includes("admin") && actor.role !== "admin") {
    throw validationError([{ field: "scopes", message: "admin scope is only for admins" }]);
  }
  const { key, prefix, hash } = generateApiKey();
  const expiresAt = parsed.expiresInDays
    ? new Date(ctx.clock.now().getTime() + parsed.expiresInDays * 86_400_000)
    : null;
  return withTransaction(ctx, async (tx) => {
    // Per-user lock: parallel creations cannot slip past the cap together.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`api-keys:${actor.userId}`}))`);
    const active = await tx.db.$count(
      apiKeys,
      and(eq(apiKeys.userId, actor.userId), isNull(apiKeys.revokedAt)),
    );
    if (active >= MAX_ACTIVE_KEYS)
      throw validationError([
        {
          field: "name",
          message: `you already have ${MAX_ACTIVE_KEYS} active keys; revoke one first`,
        },
      ]);
    const [row] = await tx.db
      .insert(apiKeys)
      .values({
        userId: actor.userId,
        name: parsed.name,
        prefix,
        keyHash: hash,
        scopes: [...new Set(parsed.scopes)],
        expiresAt,
      })
      .returning();
    await recordAudit(tx, {
      action: "api_key.create",
      targetType: "api_key",
      targetId: row!.id,
      metadata: { name: parsed.name, scopes: row!.scopes, prefix },
    });
    return { key, apiKey: summary(row!) };
  });
}
