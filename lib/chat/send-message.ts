import "server-only";
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { chatMessages, conversations, type MessageMeta } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { badRequest } from "../errors";
import { storableText } from "../text-guard";
import { toRouterInput } from "../ai/input";
import type { CompletionResult, RouteDecision, StreamEvent } from "../ai/types";
import { ChatTurnRequest, type ChatMessageView, type ConversationSummary } from "./schemas";
import { conversationForTurn } from "./turn-conversation";
import { toMessageView, toSummary } from "./views";

/** How much history goes to the model: the newest messages up to these bounds (≈ 100k tokens). */
const HISTORY_MESSAGES = 200;
const HISTORY_CHARS = 400_000;

export type ChatTurnEvent = StreamEvent | { type: "saved"; message: ChatMessageView };

export interface ChatTurn {
  conversation: ConversationSummary;
  userMessage?: ChatMessageView;
  decision: RouteDecision;
  /** Streaming: the router's events, then `saved` with the stored assistant message. */
  events?: AsyncIterable<ChatTurnEvent>;
  /** Streaming: stops the answer at once, keeping the text so far (POST /api/ai/chat/stop). */
  turnId?: string;
  /** Non-streaming: the stored assistant message. */
  message?: ChatMessageView;
  /** Streaming: abandon it (client gone); no-op once it ended. */
  cancel: () => void;
}

/** Failed answers are shown to the user but not fed back to the model; the newest messages that fit go. */
function recent(history: { role: "user" | "assistant"; content: string; meta: MessageMeta }[]) {
  const out: { role: "user" | "assistant"; content: string }[] = [];
  let chars = 0;
  for (const m of [...history].reverse()) {
    if (m.meta.error) continue;
    chars += m.content.length;
    if (chars > HISTORY_CHARS && out.length) break;
    out.unshift({ role: m.role, content: m.content });
  }
  return out;
}

/** The badge of an answer: its route (with the models that failed first), its cost and timing. */
const metaOf = (
  d: RouteDecision,
  r?: CompletionResult,
  retry?: { model: string },
): MessageMeta => ({
  taskType: d.taskType,
  confidence: d.confidence,
  model: d.model,
  provider: d.provider,
  reason: d.reason,
  cache: d.cache,
  fallbacks: d.fallbacksTried.length,
  fallbacksTried: d.fallbacksTried,
  ...(retry && { retry }),
  ...(r && {
    costUsd: r.costUsd,
    latencyMs: r.latencyMs,
    ttftMs: r.ttftMs,
    inputTokens: r.usage.inputTokens,
    outputTokens: r.usage.outputTokens,
  }),
});

/**
 * One turn of a stored conversation: saves the user's message first (so nothing typed is lost if
 * every provider fails), routes the history, and saves the answer with its routing badge. A
 * stream that fails or is stopped keeps the text that arrived, marked with the error.
 */
export async function sendChatMessage({
  ctx,
  input,
  signal,
}: {
  ctx: Ctx;
  input: unknown;
  signal?: AbortSignal;
}): Promise<ChatTurn> {
  const actor = requireUser(ctx, { scope: "write" });
  const req = ChatTurnRequest.parse(input);
  const conversation = await conversationForTurn({ ctx, actor, req });
  const history = (
    await ctx.db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.conversationId, conversation.id))
      .orderBy(desc(chatMessages.seq))
      .limit(HISTORY_MESSAGES)
  ).reverse();
  let userMessage: ChatMessageView | undefined;
  if (req.regenerate) {
    while (history.length && history.at(-1)!.role === "assistant") history.pop();
    if (!history.length)
      throw badRequest("There is no user message to answer again in this conversation.");
  } else {
    const [row] = await ctx.db
      .insert(chatMessages)
      .values({ conversationId: conversation.id, role: "user", content: req.content! })
      .returning();
    history.push(row!);
    userMessage = toMessageView(row!);
  }
  const touch = () =>
    ctx.db
      .update(conversations)
      .set({ updatedAt: ctx.clock.now() })
      .where(eq(conversations.id, conversation.id));
  await touch();

  const routed = toRouterInput(req, {
    messages: recent(history),
    projectId: conversation.projectId ?? undefined,
    signal,
    source: "chat",
  });
  // What a model answers (or a provider's error text) is stored as it can be: a NUL or a lone
  // surrogate in it becomes U+FFFD rather than failing the insert and losing the turn.
  const save = async (content: string, meta: MessageMeta) => {
    const storable = JSON.parse(
      JSON.stringify(meta, (_k, v: unknown) => (typeof v === "string" ? storableText(v) : v)),
    ) as MessageMeta;
    const [row] = await ctx.db
      .insert(chatMessages)
      .values({
        conversationId: conversation.id,
        role: "assistant",
        content: storableText(content),
        meta: storable,
      })
      .returning();
    await touch();
    return toMessageView(row!);
  };
  const summary = toSummary(conversation);
  const retry = req.regenerate ? { model: req.model } : undefined;
  if (!req.stream) {
    const result = await ctx.ai.complete(ctx, routed);
    return {
      conversation: summary,
      userMessage,
      decision: result.decision,
      message: await save(result.text, metaOf(result.decision, result, retry)),
      cancel: () => {},
    };
  }

  const handle = await ctx.ai.stream(ctx, routed);
  const turnId = randomUUID();
  const stopped = (text: string) =>
    save(text, {
      ...metaOf(handle.decision, undefined, retry),
      error: { code: "cancelled", message: "Stopped before the answer was complete." },
    });
  async function* events(): AsyncGenerator<ChatTurnEvent> {
    let text = "";
    let saved = false;
    // The Stop button ends the provider stream (the events then end without done or error).
    const unlist = ctx.turns.add(turnId, actor.userId, handle.cancel);
    try {
      for await (const e of handle.events) {
        if (e.type === "delta") text += e.text;
        yield e;
        if (e.type === "done" || e.type === "error") {
          const meta =
            e.type === "done"
              ? metaOf(e.result.decision, e.result, retry)
              : {
                  ...metaOf(handle.decision, undefined, retry),
                  error: { code: e.code, message: e.message },
                };
          saved = true;
          yield {
            type: "saved",
            message: await save(e.type === "done" ? e.result.text : text, meta),
          };
        }
      }
      // Stopped: what arrived is kept, marked as stopped, before the stream ends. The client
      // that pressed Stop waits for this event, so its next question is stored after it.
      if (!saved && text) {
        saved = true;
        yield { type: "saved", message: await stopped(text) };
      }
    } finally {
      unlist();
      // The client disconnected mid-stream: keep what arrived, marked as stopped.
      if (!saved && text)
        await stopped(text).catch((err: unknown) =>
          ctx.log.error({ err }, "saving a stopped answer failed"),
        );
    }
  }
  return {
    conversation: summary,
    userMessage,
    decision: handle.decision,
    events: events(),
    turnId,
    cancel: handle.cancel,
  };
}
