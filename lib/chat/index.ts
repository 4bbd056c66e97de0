export {
  listConversations,
  getConversation,
  renameConversation,
  deleteConversation,
} from "./conversations";
export { sendChatMessage, type ChatTurn, type ChatTurnEvent } from "./send-message";
export type { ChatMessageView, ConversationSummary, MessageMeta } from "./types";
