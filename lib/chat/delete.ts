import "server-only";
import { eq } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { getConversationForActor } from "./access";
import { DeleteConversationInput } from "./schemas";

/** Deletes a conversation and its messages (cascade); audited. */
export async function deleteConversation({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  const { id } = DeleteConversationInput.parse(input);
  await withTransaction(ctx, async (tx) => {
    const conversation = await getConversationForActor({ db: tx.db, id, actor });
    await tx.db.delete(conversations).where(eq(conversations.id, conversation.id));
    await recordAudit(tx, {
      action: "conversation.delete",
      targetType: "conversation",
      targetId: conversation.id,
      metadata: { title: conversation.title },
    });
  });
}
