import { z } from "zod";
import { ERROR_CLASSES } from "./error-classes";
import { TASK_TYPES } from "./task-types";

export const CACHE_MODES = ["auto", "bypass", "refresh", "force"] as const;
export const FALLBACK_MODES = ["allow", "deny"] as const;
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

/** The routing fields every routed request takes (the stateless API and a chat turn). */
export const routing = {
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
  fallback: z
    .enum(FALLBACK_MODES, { error: "must be allow or deny" })
    .default("deny")
    .describe(
      "With an explicit model: allow lets another model answer when it fails (the answer says so); deny (default) answers with its error instead. auto always falls back",
    ),
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

/** `/api/ai/chat` takes either shape; the service parses the one it gets (`messages` → stateless). */
export const AiChatBody = z.record(z.string(), z.unknown(), { error: "must be a JSON object" });
export { TASK_TYPES } from "./task-types";

// ── outputs ───────────────────────────────────────────────────────────────────────────────

const CACHE_STATUSES = [
  "hit",
  "miss",
  "coalesced",
  "refresh",
  "bypass",
  "off",
  "degraded",
] as const;

export const RouteDecisionOutput = z.object({
  taskType: z.enum(TASK_TYPES).describe("The task type the request was routed as"),
  confidence: z.number().describe("How sure the classifier was (1 when the caller gave it)"),
  reason: z.string().describe("Why this model: the classification and the policy, in words"),
  model: z.string().describe("The model that answered"),
  provider: z
    .union([z.enum(["openai", "anthropic", "google"]), z.templateLiteral(["compat:", z.string()])])
    .describe("Its provider: openai, anthropic, google or compat:<name>"),
  fallbacksTried: z
    .array(
      z.object({
        model: z.string().describe("A model tried before"),
        errorClass: z
          .enum([...ERROR_CLASSES, "circuit_open", "retry_after"])
          .describe(
            "Why it failed (timeout, rate_limited, …); skipped without asking: circuit_open (it kept failing), retry_after (it asked to wait and that time is not over)",
          ),
      }),
    )
    .describe("Models tried before it, and why each failed"),
  fallbackFrom: z
    .string()
    .optional()
    .describe("The model asked for explicitly, when another one answered (fallback allowed)"),
  cache: z.enum(CACHE_STATUSES).describe("How the response cache took part"),
});

/** A routed completion, as the app's API, the chat tool and workflow steps return it. */
export const CompletionOutput = z.object({
  text: z.string().describe("The answer"),
  usage: z
    .object({
      inputTokens: z.number().int().describe("Prompt tokens"),
      outputTokens: z.number().int().describe("Answer tokens"),
    })
    .describe("Tokens in and out"),
  costUsd: z.number().describe("What the request cost (0 from the cache)"),
  latencyMs: z.number().describe("Milliseconds until the whole answer was there"),
  ttftMs: z.number().optional().describe("Streaming: milliseconds to the first token"),
  finishReason: z.string().describe("stop, length, content-filter, …"),
  decision: RouteDecisionOutput.describe("How the request was routed"),
  timing: z
    .object({
      planMs: z.number().describe("Classify, budgets, catalogue, route"),
      cacheMs: z.number().describe("Cache lookup"),
      providerMs: z.number().describe("Provider calls, fallbacks included"),
    })
    .optional()
    .describe("Where the time went"),
});
export type CompletionOutput = z.infer<typeof CompletionOutput>;
