import type { MessageMeta } from "@/db/schema";

export interface ConversationSummary {
  id: string;
  title: string;
  projectId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChatMessageView {
  id: string;
  role: "user" | "assistant";
  content: string;
  meta: MessageMeta;
  createdAt: string;
}

export type { MessageMeta };
