import type { ChatMessageRow, Conversation } from "@/db/schema";
import type { ChatMessageView, ConversationSummary } from "./schemas";

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
