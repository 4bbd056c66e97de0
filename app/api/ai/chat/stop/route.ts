import { stopChatTurn } from "@/lib/chat";
import { StopChatTurnInput } from "@/lib/chat/schemas";
import { route } from "@/lib/http/route";

// POST /api/ai/chat/stop – stop a streaming answer now: its stream ends with the stopped text saved
export const POST = route({ body: StopChatTurnInput, maxBodyBytes: 1024 }, async ({ ctx, body }) =>
  stopChatTurn({ ctx, input: body }),
);
