import { z } from "zod";
import { sseFrame } from "./sse";
import type { HeaderReader } from "../context";
import { AppError, ERROR_STATUS, validationError, type ErrorCode } from "../errors";
import { openAiError } from "./openai-errors";
import { CACHE_MODES } from "../ai/schemas";
import { TASK_TYPES } from "../ai/task-types";
import type { CompletionResult, StreamEvent, StreamHandle } from "../ai/types";

/**
 * The OpenAI chat-completions wire format on top of the router, so the official SDKs (and
 * anything built on them) work unchanged. Unknown fields are accepted and ignored, as OpenAI's
 * own clients send many; features the router cannot honour (tools, n > 1, images, JSON mode,
 * log probabilities) are refused naming the field (OpenAI's 400 with `param`, see
 * openai-errors.ts) rather than silently dropped.
 */

const TextPart = z.object({
  type: z.literal("text", { error: 'only text parts are supported (type "text")' }),
  text: z.string(),
});

export const OpenAiChatRequest = z
  .object({
    model: z.string({ error: 'is required (a model id or "auto")' }).min(1).max(200),
    messages: z
      .array(
        z.object({
          role: z.enum(["system", "developer", "user", "assistant"], {
            error: "must be system, developer, user or assistant (tool messages are not supported)",
          }),
          content: z.union([z.string(), z.array(TextPart), z.null()]),
        }),
      )
      .min(1, { error: "needs at least one message" })
      .max(500),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    max_tokens: z.number().int().min(1).nullish(),
    max_completion_tokens: z.number().int().min(1).nullish(),
    top_p: z.number().gt(0).max(1).nullish(),
    stop: z.union([z.string().min(1), z.array(z.string().min(1)).max(4)]).nullish(),
    seed: z.number().int().nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    n: z.literal(1, { error: "only n = 1 is supported" }).nullish(),
    tools: z
      .array(z.unknown())
      .max(0, { error: "function calling is not supported by this router yet" })
      .nullish(),
    tool_choice: z
      .undefined({ error: "function calling is not supported by this router yet" })
      .nullish(),
    functions: z
      .undefined({ error: "function calling is not supported by this router yet" })
      .nullish(),
    response_format: z
      .object({
        type: z.literal("text", { error: 'only "text" is supported (JSON mode is not, yet)' }),
      })
      .nullish(),
    logprobs: z.literal(false, { error: "log probabilities are not supported" }).nullish(),
    task_type: z.enum([...TASK_TYPES, "auto"]).nullish(),
    cache: z.enum(CACHE_MODES).nullish(),
  })
  .loose();
export type OpenAiChatRequest = z.infer<typeof OpenAiChatRequest>;

export const FALLBACK_HEADER = "x-route-fallback";

/**
 * The caller's permission for another model to answer when an explicit one fails: the request
 * header `x-route-fallback: allow` (OpenAI's body has no field for it; SDKs set default headers).
 * Absent means deny; anything but allow or deny is refused rather than guessed.
 */
export function fallbackPermission(headers: HeaderReader): "allow" | "deny" {
  const value = headers.get(FALLBACK_HEADER)?.trim().toLowerCase() || "deny";
  if (value === "allow" || value === "deny") return value;
  throw validationError([{ field: FALLBACK_HEADER, message: 'must be "allow" or "deny"' }]);
}

/** Maps the OpenAI request (and the fallback permission) onto the router's CompletionRequest. */
export function toCompletionRequest(req: OpenAiChatRequest, fallback: "allow" | "deny" = "deny") {
  return {
    fallback,
    messages: req.messages.map((m) => ({
      role: m.role === "developer" ? ("system" as const) : m.role,
      content:
        typeof m.content === "string" ? m.content : (m.content ?? []).map((p) => p.text).join(""),
    })),
    model: req.model,
    taskType: req.task_type ?? "auto",
    temperature: req.temperature ?? undefined,
    maxOutputTokens: req.max_completion_tokens ?? req.max_tokens ?? undefined,
    topP: req.top_p ?? undefined,
    stop: typeof req.stop === "string" ? [req.stop] : (req.stop ?? undefined),
    seed: req.seed ?? undefined,
    presencePenalty: req.presence_penalty ?? undefined,
    frequencyPenalty: req.frequency_penalty ?? undefined,
    cache: req.cache ?? "auto",
    stream: req.stream ?? false,
  };
}

const FINISH: Record<string, string> = {
  stop: "stop",
  length: "length",
  "content-filter": "content_filter",
  "tool-calls": "tool_calls",
};
const finishReason = (r: string) => FINISH[r] ?? "stop";
const usageOf = (r: CompletionResult) => ({
  prompt_tokens: r.usage.inputTokens,
  completion_tokens: r.usage.outputTokens,
  total_tokens: r.usage.inputTokens + r.usage.outputTokens,
});
/** Our additions, under one key OpenAI clients ignore. */
const routeOf = (r: CompletionResult) => ({
  ...r.decision,
  cost_usd: r.costUsd,
  latency_ms: r.latencyMs,
  ttft_ms: r.ttftMs,
});

/** `created` is the Unix time in seconds (from ctx.clock). */
export function completionBody(result: CompletionResult, id: string, created: number) {
  return {
    id,
    object: "chat.completion",
    created,
    model: result.decision.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: result.text, refusal: null },
        logprobs: null,
        finish_reason: finishReason(result.finishReason),
      },
    ],
    usage: usageOf(result),
    x_route: routeOf(result),
  };
}

/**
 * The router's events as `chat.completion.chunk` frames. Usage goes in a final `choices: []`
 * chunk when `include_usage` is asked (as OpenAI does), else on the finishing chunk. A failure
 * after the first token ends the stream with an `error` frame and no `[DONE]`, which the official
 * SDK raises as an APIError: never a silently truncated success.
 */
export async function* chunkFrames(
  handle: StreamHandle,
  opts: { id: string; includeUsage: boolean; created: number },
): AsyncGenerator<string> {
  const base = {
    id: opts.id,
    object: "chat.completion.chunk",
    created: opts.created,
    model: handle.decision.model,
  };
  try {
    yield* frames(handle, base, opts.includeUsage);
  } finally {
    handle.cancel(); // a client that left before or while reading: no-op if the stream ended
  }
}

async function* frames(
  handle: StreamHandle,
  base: Record<string, unknown>,
  includeUsage: boolean,
): AsyncGenerator<string> {
  yield sseFrame({
    ...base,
    choices: [
      { index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null },
    ],
  });
  for await (const e of handle.events as AsyncIterable<StreamEvent>) {
    if (e.type === "delta") {
      yield sseFrame({
        ...base,
        choices: [{ index: 0, delta: { content: e.text }, logprobs: null, finish_reason: null }],
      });
    } else if (e.type === "done") {
      const finish = {
        ...base,
        choices: [
          {
            index: 0,
            delta: {},
            logprobs: null,
            finish_reason: finishReason(e.result.finishReason),
          },
        ],
      };
      if (includeUsage) {
        yield sseFrame(finish);
        yield sseFrame({
          ...base,
          choices: [],
          usage: usageOf(e.result),
          x_route: routeOf(e.result),
        });
      } else {
        yield sseFrame({ ...finish, usage: usageOf(e.result), x_route: routeOf(e.result) });
      }
      yield sseFrame("[DONE]");
    } else {
      // The same envelope as a JSON error (api_error; the code says how the provider failed).
      const code = (e.code in ERROR_STATUS ? e.code : "upstream") as ErrorCode;
      yield sseFrame(openAiError(new AppError(code, e.message, { errorClass: e.errorClass })).body);
    }
  }
}
