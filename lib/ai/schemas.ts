import { z } from "zod";
import { TASK_TYPES } from "./task-types";

export const CACHE_MODES = ["auto", "bypass", "refresh", "force"] as const;
export const MAX_MESSAGE_CHARS = 200_000;

export const ChatMessageInput = z
  .object({
    role: z
      .enum(["system", "user", "assistant"], { error: "must be system, user or assistant" })
      .describe("Who said it"),
    content: z
      .string()
      .max(MAX_MESSAGE_CHARS, { error: `must be at most ${MAX_MESSAGE_CHARS} characters` })
      .describe("The text"),
  })
  .strict();

const routing = {
  model: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .default("auto")
    .describe('A model id from the catalogue, or "auto" to route by task type'),
  taskType: z
    .enum([...TASK_TYPES, "auto"], { error: `must be one of auto, ${TASK_TYPES.join(", ")}` })
    .default("auto")
    .describe("What kind of work this is; auto classifies it from the messages"),
  temperature: z
    .number()
    .min(0)
    .max(2)
    .optional()
    .describe("Sampling temperature 0–2; above 0.3 answers are not cached unless cache is force"),
  maxOutputTokens: z
    .number()
    .int()
    .min(1)
    .max(200_000)
    .optional()
    .describe("Upper bound on the answer's tokens"),
  cache: z
    .enum(CACHE_MODES)
    .default("auto")
    .describe(
      "auto: use the cache when the request is cacheable; bypass: neither read nor write; refresh: skip the read, store the new answer; force: cache even at high temperature",
    ),
  stream: z.boolean().default(false).describe("Stream the answer as server-sent events"),
};

/** A stateless routed completion: the caller sends the whole conversation. */
export const CompletionRequest = z
  .object({
    messages: z
      .array(ChatMessageInput)
      .min(1, { error: "needs at least one message" })
      .max(500, { error: "must have at most 500 messages" })
      .describe("The conversation so far, oldest first"),
    projectId: z
      .uuid({ error: "is not a valid project id" })
      .optional()
      .describe("Charge the request to this project (you must be a member)"),
    topP: z.number().gt(0).max(1).optional().describe("Nucleus sampling"),
    stop: z
      .array(z.string().min(1).max(200))
      .max(4, { error: "must have at most 4 stop sequences" })
      .optional()
      .describe("Stop generating at any of these"),
    seed: z
      .number()
      .int()
      .optional()
      .describe("Seed for providers that support deterministic sampling"),
    presencePenalty: z.number().min(-2).max(2).optional().describe("Penalty for repeating topics"),
    frequencyPenalty: z.number().min(-2).max(2).optional().describe("Penalty for repeating tokens"),
    ...routing,
  })
  .strict();
export type CompletionRequest = z.infer<typeof CompletionRequest>;

/** A turn in a stored conversation: the server keeps the history. */
export const ChatTurnRequest = z
  .object({
    conversationId: z
      .uuid({ error: "is not a valid conversation id" })
      .optional()
      .describe("Continue this conversation; omit to start a new one"),
    projectId: z
      .uuid({ error: "is not a valid project id" })
      .optional()
      .describe("File a new conversation under this project"),
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
    if (v.regenerate && !v.conversationId)
      ctx.addIssue({
        code: "custom",
        path: ["conversationId"],
        message: "is required to regenerate an answer",
      });
    if (!v.regenerate && !v.content)
      ctx.addIssue({ code: "custom", path: ["content"], message: "is required" });
  });
export type ChatTurnRequest = z.infer<typeof ChatTurnRequest>;

export const ConversationId = z.uuid({ error: "is not a valid conversation id" });
export const ListConversationsQuery = z
  .object({
    projectId: z
      .uuid({ error: "is not a valid project id" })
      .optional()
      .describe("Only conversations filed under this project"),
    limit: z.coerce.number().int().min(1).max(100).default(50).describe("Page size"),
  })
  .strict();
export const RenameConversationInput = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, { error: "is required" })
      .max(200, { error: "must be at most 200 characters" })
      .describe("New title"),
  })
  .strict();
export type RenameConversationInput = z.infer<typeof RenameConversationInput>;

/** `/api/ai/chat` takes either shape; the service parses the one it gets (`messages` → stateless). */
export const AiChatBody = z.record(z.string(), z.unknown(), { error: "must be a JSON object" });
export { TASK_TYPES } from "./task-types";
