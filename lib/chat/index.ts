export { listConversations } from "./list";
export { getConversation } from "./get";
export { renameConversation } from "./rename";
export { deleteConversation } from "./delete";
export { sendChatMessage, type ChatTurn, type ChatTurnEvent } from "./send-message";
export { stopChatTurn } from "./stop-turn";
export type { ChatMessageView, ConversationSummary, MessageMeta } from "./schemas";
