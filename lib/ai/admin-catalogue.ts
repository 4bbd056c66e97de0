import "server-only";
import { eq } from "drizzle-orm";
import { aiModels } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireAdmin } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { notFound, validationError } from "../errors";
import { ModelIdParam, UpsertModelInput } from "./admin-schemas";
import type { CatalogueEntry } from "./catalogue-store";

function parseId(id: string): string {
  const r = ModelIdParam.safeParse(decodeURIComponent(id));
  if (!r.success)
    throw validationError([{ field: "id", message: r.error.issues[0]?.message ?? "is invalid" }]);
  return r.data;
}

/** Adds a model or overrides a shipped one (prices, window, capabilities, tier, enabled). Audited with before/after. */
export async function upsertModel({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: unknown;
}): Promise<CatalogueEntry> {
  const admin = requireAdmin(ctx);
  const modelId = parseId(id);
  const data = UpsertModelInput.parse(input);
  const before = (await ctx.ai.catalogue.all()).find((m) => m.id === modelId);
  await withTransaction(ctx, async (tx) => {
    const row = { ...data, id: modelId, updatedBy: admin.userId, updatedAt: tx.clock.now() };
    await tx.db.insert(aiModels).values(row).onConflictDoUpdate({ target: aiModels.id, set: row });
    await recordAudit(tx, {
      action: "ai_model.upsert",
      targetType: "ai_model",
      targetId: modelId,
      metadata: { before: before ?? null, after: data },
    });
  });
  ctx.ai.catalogue.invalidate();
  return {
    ...data,
    id: modelId,
    provider: data.provider as CatalogueEntry["provider"],
    source: before && before.source !== "custom" ? "edited" : "custom",
  };
}

/** Removes the admin's row: a shipped model goes back to its defaults, a custom one disappears. */
export async function resetModel({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  requireAdmin(ctx);
  const modelId = parseId(id);
  await withTransaction(ctx, async (tx) => {
    const [gone] = await tx.db.delete(aiModels).where(eq(aiModels.id, modelId)).returning();
    if (!gone) throw notFound("Model edit");
    await recordAudit(tx, {
      action: "ai_model.reset",
      targetType: "ai_model",
      targetId: modelId,
      metadata: { before: gone },
    });
  });
  ctx.ai.catalogue.invalidate();
}
