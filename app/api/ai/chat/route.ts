import { createCompletion } from "@/lib/ai";
import { routeHeaders } from "@/lib/http/route-headers";
import { AiChatBody } from "@/lib/ai/schemas";
import type { StreamEvent } from "@/lib/ai/types";
import { sendChatMessage, type ChatTurnEvent } from "@/lib/chat";
import { route } from "@/lib/http/route";
import { sseFrame, sseResponse } from "@/lib/http/sse";

export const dynamic = "force-dynamic";

async function* frames(
  head: unknown,
  events: AsyncIterable<ChatTurnEvent | StreamEvent>,
  cancel: () => void,
): AsyncGenerator<string> {
  try {
    yield sseFrame(head, "meta");
    for await (const e of events) {
      const { type, ...data } = e;
      yield sseFrame(data, type);
    }
  } finally {
    cancel(); // the client left (possibly before the first event was read); no-op once finished
  }
}

// POST /api/ai/chat – routed chat: `messages` (stateless) or `content` (+ conversationId) for a stored conversation; JSON or SSE
export const POST = route(
  { body: AiChatBody, maxBodyBytes: 4 * 1024 * 1024, rateLimit: "ai" },
  async ({ req, ctx, body }) => {
    if ("messages" in body) {
      const out = await createCompletion({ ctx, input: body, signal: req.signal, source: "api" });
      if (!out.stream)
        return Response.json(out.result, {
          headers: routeHeaders(out.result.decision, out.result),
        });
      return sseResponse(
        frames({ decision: out.handle.decision }, out.handle.events, out.handle.cancel),
        routeHeaders(out.handle.decision),
      );
    }
    const turn = await sendChatMessage({ ctx, input: body, signal: req.signal });
    const { events, cancel, ...head } = turn;
    if (!events) return Response.json(head, { headers: routeHeaders(turn.decision) });
    return sseResponse(frames(head, events, cancel), routeHeaders(turn.decision));
  },
);
