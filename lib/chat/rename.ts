import "server-only";
import { eq } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getConversationForActor } from "./access";
import { RenameConversationInput, type ConversationOutput } from "./schemas";
import { toSummary } from "./views";

/** Renames one of the caller's conversations. */
export async function renameConversation({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ConversationOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { id, title } = RenameConversationInput.parse(input);
  const conversation = await getConversationForActor({ db: ctx.db, id, actor });
  const [row] = await ctx.db
    .update(conversations)
    .set({ title, updatedAt: ctx.clock.now() })
    .where(eq(conversations.id, conversation.id))
    .returning();
  return { conversation: toSummary(row!) };
}
