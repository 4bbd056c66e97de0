import "server-only";
import { eq } from "drizzle-orm";
import { aiModels } from "@/db/schema";
import { recordAudit } from "../../audit/record";
import { requireAdmin } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { notFound } from "../../errors";
import { ResetModelInput } from "./schemas";

/** Removes the admin's row: a shipped model goes back to its defaults, a custom one disappears. */
export async function resetModel({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  requireAdmin(ctx);
  const { id } = ResetModelInput.parse(input);
  await withTransaction(ctx, async (tx) => {
    const [gone] = await tx.db.delete(aiModels).where(eq(aiModels.id, id)).returning();
    if (!gone) throw notFound("Model edit");
    await recordAudit(tx, {
      action: "ai_model.reset",
      targetType: "ai_model",
      targetId: id,
      metadata: { before: gone },
    });
  });
  ctx.ai.catalogue.invalidate();
}
