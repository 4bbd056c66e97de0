import { listConversations } from "@/lib/chat";
import { ListConversationsQuery } from "@/lib/chat/schemas";
import { route } from "@/lib/http/route";

// GET /api/conversations – the caller's conversations, most recent first (?projectId=, ?limit=)
export const GET = route({ query: ListConversationsQuery }, async ({ ctx, query }) =>
  listConversations({ ctx, input: query }),
);
