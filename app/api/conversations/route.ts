import { listConversations } from "@/lib/chat";
import { ListConversationsQuery } from "@/lib/ai/schemas";
import { route } from "@/lib/http/route";

// GET /api/conversations – the caller's conversations, most recent first (?projectId=, ?limit=)
export const GET = route({ query: ListConversationsQuery }, async ({ ctx, query }) => ({
  conversations: await listConversations({ ctx, input: query }),
}));
