import "server-only";
import { desc, eq } from "drizzle-orm";
import { chatMessages } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getConversationForActor } from "./access";
import { GetConversationInput, type GetConversationOutput } from "./schemas";
import { toMessageView, toSummary } from "./views";

/** One conversation with its newest 500 messages, oldest first. */
export async function getConversation({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<GetConversationOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const { id } = GetConversationInput.parse(input);
  const conversation = await getConversationForActor({ db: ctx.db, id, actor });
  const newest = await ctx.db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.conversationId, conversation.id))
    .orderBy(desc(chatMessages.seq))
    .limit(500);
  return {
    conversation: toSummary(conversation),
    messages: newest.reverse().map(toMessageView),
  };
}
