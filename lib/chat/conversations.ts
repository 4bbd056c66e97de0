import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { chatMessages, conversations, type ChatMessageRow, type Conversation } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { ListConversationsQuery, RenameConversationInput } from "../ai/schemas";
import { getConversationForActor } from "./access";
import type { ChatMessageView, ConversationSummary } from "./types";

export const toSummary = (c: Conversation): ConversationSummary => ({
  id: c.id,
  title: c.title,
  projectId: c.projectId,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
export const toMessageView = (m: ChatMessageRow): ChatMessageView => ({
  id: m.id,
  role: m.role,
  content: m.content,
  meta: m.meta,
  createdAt: m.createdAt.toISOString(),
});

/** The caller's conversations, most recently active first (optionally one project's). */
export async function listConversations({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ConversationSummary[]> {
  const actor = requireUser(ctx, { scope: "read" });
  const q = ListConversationsQuery.parse(input ?? {});
  const where = q.projectId
    ? and(eq(conversations.userId, actor.userId), eq(conversations.projectId, q.projectId))
    : eq(conversations.userId, actor.userId);
  const rows = await ctx.db
    .select()
    .from(conversations)
    .where(where)
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(q.limit);
  return rows.map(toSummary);
}

/** One conversation with its newest 500 messages, oldest first. */
export async function getConversation({
  ctx,
  id,
}: {
  ctx: Ctx;
  id: string;
}): Promise<{ conversation: ConversationSummary; messages: ChatMessageView[] }> {
  const actor = requireUser(ctx, { scope: "read" });
  const conversation = await getConversationForActor({ db: ctx.db, id, actor });
  const messages = (
    await ctx.db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.conversationId, conversation.id))
      .orderBy(desc(chatMessages.seq))
      .limit(500)
  ).reverse();
  return { conversation: toSummary(conversation), messages: messages.map(toMessageView) };
}

export async function renameConversation({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: unknown;
}): Promise<ConversationSummary> {
  const actor = requireUser(ctx, { scope: "write" });
  const { title } = RenameConversationInput.parse(input);
  const conversation = await getConversationForActor({ db: ctx.db, id, actor });
  const [row] = await ctx.db
    .update(conversations)
    .set({ title, updatedAt: ctx.clock.now() })
    .where(eq(conversations.id, conversation.id))
    .returning();
  return toSummary(row!);
}

/** Deletes a conversation and its messages (cascade); audited. */
export async function deleteConversation({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
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
