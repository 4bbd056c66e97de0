import { z } from "zod";
import { idInput } from "../ids";
import { RouteDecisionOutput, routing } from "../ai/schemas";

// ── inputs ────────────────────────────────────────────────────────────────────────────────

/** A turn in a stored conversation: the server keeps the history. */
export const ChatTurnRequest = z
  .object({
    conversationId: z
      .uuid({ error: "is not a valid conversation id" })
      .optional()
      .describe("Continue this conversation; omit to start a new one"),
    newConversationId: z
      .uuid({ error: "is not a valid conversation id" })
      .optional()
      .describe(
        "Start a new conversation with this id, chosen by the client so it knows the id before any answer arrives; sending it again continues that conversation (a first turn stopped before its answer does not split the thread)",
      ),
    projectId: z
      .uuid({ error: "is not a valid project id" })
      .optional()
      .describe("File a new conversation under this project (ignored when it exists already)"),
    content: z
      .string()
      .trim()
      .max(100_000, { error: "must be at most 100000 characters" })
      .optional()
      .describe("The new user message"),
    regenerate: z
      .boolean()
      .default(false)
      .describe(
        "Answer the last user message again (e.g. with a stronger model) instead of adding one",
      ),
    ...routing,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.conversationId && v.newConversationId)
      ctx.addIssue({
        code: "custom",
        path: ["newConversationId"],
        message: "cannot be combined with conversationId",
      });
    if (v.regenerate && !v.conversationId && !v.newConversationId)
      ctx.addIssue({
        code: "custom",
        path: ["conversationId"],
        message: "is required to regenerate an answer",
      });
    if (!v.regenerate && !v.content)
      ctx.addIssue({ code: "custom", path: ["content"], message: "is required" });
  });
export type ChatTurnRequest = z.infer<typeof ChatTurnRequest>;

/** Stop a streaming answer: the id its stream's `meta` event gave. */
export const StopChatTurnInput = z
  .object({
    turnId: z
      .uuid({ error: "is not a valid turn id" })
      .describe("The `turnId` of the answer's stream (its `meta` event)"),
  })
  .strict();
export type StopChatTurnInput = z.infer<typeof StopChatTurnInput>;

export const ConversationId = z.uuid({ error: "is not a valid conversation id" });
/** A conversation id in a service input: malformed, unknown and someone else's are 404 alike. */
const ConversationRef = z.object({ id: idInput("The conversation's id") }).strict();
export const GetConversationInput = ConversationRef;
export const DeleteConversationInput = ConversationRef;
export const ListConversationsQuery = z
  .object({
    projectId: z
      .uuid({ error: "is not a valid project id" })
      .optional()
      .describe("Only conversations filed under this project"),
    limit: z.coerce.number().int().min(1).max(100).default(50).describe("Page size"),
  })
  .strict();
export const RenameConversationBody = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, { error: "is required" })
      .max(200, { error: "must be at most 200 characters" })
      .describe("New title"),
  })
  .strict();
export const RenameConversationInput = RenameConversationBody.extend(ConversationRef.shape);
export type RenameConversationInput = z.infer<typeof RenameConversationInput>;

// ── outputs ───────────────────────────────────────────────────────────────────────────────

export const ConversationSummary = z.object({
  id: z.string().describe("The conversation's id"),
  title: z.string().describe("Its title"),
  projectId: z.string().nullable().describe("The project it is filed under, if any"),
  createdAt: z.string().describe("ISO 8601"),
  updatedAt: z.string().describe("ISO 8601: its last message"),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/** The routing badge stored with an answer (and the error of one that did not complete). */
export const MessageMeta = z.object({
  taskType: z.string().optional().describe("The task type it was routed as"),
  confidence: z.number().optional().describe("How sure the classifier was"),
  model: z.string().optional().describe("The model that answered"),
  provider: z.string().optional().describe("Its provider"),
  reason: z.string().optional().describe("Why that model"),
  cache: z.string().optional().describe("How the cache took part"),
  costUsd: z.number().optional().describe("What the answer cost"),
  latencyMs: z.number().optional().describe("Milliseconds until it was complete"),
  ttftMs: z.number().optional().describe("Milliseconds to its first token"),
  inputTokens: z.number().optional().describe("Prompt tokens"),
  outputTokens: z.number().optional().describe("Answer tokens"),
  fallbacks: z.number().optional().describe("Models tried before the one that answered"),
  fallbacksTried: z
    .array(
      z.object({
        model: z.string().describe("A model that was tried first"),
        errorClass: z.string().describe("Why it did not answer (timeout, rate_limited, …)"),
      }),
    )
    .optional()
    .describe("The models that failed before the one that answered, in order, and why"),
  retry: z
    .object({ model: z.string().describe("The model the retry asked for ('auto' to route again)") })
    .optional()
    .describe('Set on an answer asked for again ("Retry with …") instead of for a new question'),
  error: z
    .object({
      code: z.string().describe("The error code"),
      message: z.string().describe("What went wrong"),
    })
    .optional()
    .describe("Set when the answer did not complete: the text is what arrived before"),
});
export type MessageMeta = z.infer<typeof MessageMeta>;

export const ChatMessageView = z.object({
  id: z.string().describe("The message's id"),
  role: z.enum(["user", "assistant"]).describe("Who wrote it"),
  content: z.string().describe("Its text"),
  meta: MessageMeta.describe("How an answer was routed"),
  createdAt: z.string().describe("ISO 8601"),
});
export type ChatMessageView = z.infer<typeof ChatMessageView>;

export const ConversationOutput = z.object({
  conversation: ConversationSummary.describe("The conversation"),
});
export type ConversationOutput = z.infer<typeof ConversationOutput>;
export const ListConversationsOutput = z.object({
  conversations: z.array(ConversationSummary).describe("Most recently active first"),
});
export type ListConversationsOutput = z.infer<typeof ListConversationsOutput>;
export const GetConversationOutput = z.object({
  conversation: ConversationSummary.describe("The conversation"),
  messages: z.array(ChatMessageView).describe("Its newest 500 messages, oldest first"),
});
export type GetConversationOutput = z.infer<typeof GetConversationOutput>;

/** A non-streamed chat turn: the conversation, the user's stored message and the stored answer. */
export const ChatTurnOutput = z.object({
  conversation: ConversationSummary.describe("The conversation (new or continued)"),
  userMessage: ChatMessageView.optional().describe(
    "The stored user message (absent when regenerating)",
  ),
  decision: RouteDecisionOutput.describe("How the answer was routed"),
  message: ChatMessageView.describe("The stored answer with its routing badge"),
});
export type ChatTurnOutput = z.infer<typeof ChatTurnOutput>;

export const StopChatTurnOutput = z.object({
  stopped: z
    .literal(true)
    .describe("The answer stopped: its stream ends with the `saved` event of the text so far"),
});
export type StopChatTurnOutput = z.infer<typeof StopChatTurnOutput>;
