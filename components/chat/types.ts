import type { ModelView, ProviderStatus } from "@/lib/ai/list-models";
import type { RouteDecision } from "@/lib/ai/types";
import type { ChatMessageView, ConversationSummary, MessageMeta } from "@/lib/chat/schemas";

export type {
  ChatMessageView,
  ConversationSummary,
  MessageMeta,
  ModelView,
  ProviderStatus,
  RouteDecision,
};

/** A message on screen: stored ones, plus the answer being streamed (`pending`). */
export type UiMessage = ChatMessageView & { pending?: boolean };

export interface ModelsResponse {
  models: ModelView[];
  providers: ProviderStatus[];
}
