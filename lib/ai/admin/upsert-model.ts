import "server-only";
import { aiModels } from "@/db/schema";
import { recordAudit } from "../../audit/record";
import { requireAdmin } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import type { CatalogueEntry } from "../catalogue-store";
import { UpsertModelInput } from "./schemas";

/** Adds a model or overrides a shipped one (prices, window, capabilities, tier, enabled). Audited with before/after. */
export async function upsertModel({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ model: CatalogueEntry }> {
  const admin = requireAdmin(ctx);
  const { id, ...data } = UpsertModelInput.parse(input);
  const before = (await ctx.ai.catalogue.all()).find((m) => m.id === id);
  await withTransaction(ctx, async (tx) => {
    const row = { ...data, id, updatedBy: admin.userId, updatedAt: tx.clock.now() };
    await tx.db.insert(aiModels).values(row).onConflictDoUpdate({ target: aiModels.id, set: row });
    await recordAudit(tx, {
      action: "ai_model.upsert",
      targetType: "ai_model",
      targetId: id,
      metadata: { before: before ?? null, after: data },
    });
  });
  ctx.ai.catalogue.invalidate();
  const source = before && before.source !== "custom" ? "edited" : "custom";
  return { model: { ...data, id, provider: data.provider as CatalogueEntry["provider"], source } };
}
