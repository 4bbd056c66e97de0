import "server-only";
import {
  generateText,
  streamText,
  type LanguageModel,
  type TextStreamPart,
  type ToolSet,
} from "ai";
import type { ChatMessage } from "./task-types";
import type { CompletionInput, Usage } from "./types";

/**
 * One model's provider, as the router calls it: a whole answer, or a stream opened up to its
 * first token. Two implementations: the AI SDK (`sdkClient`, Anthropic and Google) and the direct
 * OpenAI wire client (lib/ai/openai-wire.ts, OpenAI and every OpenAI-compatible endpoint).
 */
export interface ProviderClient {
  generate(
    params: AttemptParams,
    timeoutMs: number,
  ): Promise<{ text: string; usage: Usage; finishReason: string }>;
  /** `firstTokenMs` (default `timeoutMs`) bounds the wait for the first token, `timeoutMs` each gap. */
  open(params: AttemptParams, timeoutMs: number, firstTokenMs?: number): Promise<OpenedStream>;
}

/** An AI SDK language model as a ProviderClient. */
export function sdkClient(model: LanguageModel): ProviderClient {
  return {
    generate: (params, timeoutMs) => generateOnce(model, params, timeoutMs),
    open: (params, timeoutMs, firstTokenMs) => openStream(model, params, timeoutMs, firstTokenMs),
  };
}

/** What a provider call takes from the router's input (the request itself, no routing fields). */
export type AttemptParams = Pick<
  CompletionInput,
  "messages" | "temperature" | "maxOutputTokens" | "sampling" | "signal"
>;

const sdkMessages = (messages: ChatMessage[]) => messages.filter((m) => m.role !== "tool") as never;

/** What both calls send: the router owns retries, so the SDK's are off. */
const callOptions = (model: LanguageModel, params: AttemptParams) => ({
  model,
  messages: sdkMessages(params.messages),
  temperature: params.temperature,
  maxOutputTokens: params.maxOutputTokens,
  ...params.sampling,
  maxRetries: 0,
});

const timeoutError = () =>
  Object.assign(new Error("The provider did not answer in time."), { name: "TimeoutError" });

/** One non-streaming call with the per-attempt timeout. */
export async function generateOnce(
  model: LanguageModel,
  params: AttemptParams,
  timeoutMs: number,
): Promise<{ text: string; usage: Usage; finishReason: string }> {
  const signals = [AbortSignal.timeout(timeoutMs), ...(params.signal ? [params.signal] : [])];
  const result = await generateText({
    ...callOptions(model, params),
    abortSignal: AbortSignal.any(signals),
  });
  return {
    text: result.text,
    usage: {
      inputTokens: result.usage.inputTokens ?? 0,
      outputTokens: result.usage.outputTokens ?? 0,
    },
    finishReason: result.finishReason,
  };
}

export type StreamPart =
  { type: "delta"; text: string } | { type: "finish"; usage: Usage; finishReason: string };

export interface OpenedStream {
  /** The first text (may be "" for an empty answer that finished at once). */
  first: StreamPart;
  /** The rest; throws on a failure after the first token (timeout between tokens included). */
  rest: AsyncGenerator<StreamPart>;
  /** Stops the provider stream (client gone). */
  abort: () => void;
}

/**
 * Opens a provider stream and waits for its first token, so that a failure before it can still
 * fall back to another candidate. `firstTokenMs` (default `timeoutMs`) bounds the wait for the
 * first token, `timeoutMs` then each gap between tokens: a provider that stalls mid-stream ends
 * in an error, not a hang.
 */
export async function openStream(
  model: LanguageModel,
  params: AttemptParams,
  timeoutMs: number,
  firstTokenMs = timeoutMs,
): Promise<OpenedStream> {
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(params.signal?.reason);
  params.signal?.addEventListener("abort", onClientAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  let first: StreamPart | null = null;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(timeoutError()), first ? timeoutMs : firstTokenMs);
  };
  const cleanup = () => {
    clearTimeout(timer);
    params.signal?.removeEventListener("abort", onClientAbort);
  };
  const result = streamText({
    ...callOptions(model, params),
    abortSignal: controller.signal,
    onError: () => {} /* errors arrive as parts below */,
  });
  const parts = result.fullStream[Symbol.asyncIterator]() as AsyncIterator<TextStreamPart<ToolSet>>;

  /** The next text or finish; the timeout runs only while waiting on the provider (not while the client reads). */
  async function next(): Promise<StreamPart | null> {
    for (;;) {
      arm();
      const { value: part, done } = await parts.next().finally(() => clearTimeout(timer));
      if (done) return null;
      if (part.type === "text-delta") {
        if (part.text === "") continue;
        return { type: "delta", text: part.text };
      }
      if (part.type === "finish")
        return {
          type: "finish",
          usage: {
            inputTokens: part.totalUsage.inputTokens ?? 0,
            outputTokens: part.totalUsage.outputTokens ?? 0,
          },
          finishReason: part.finishReason,
        };
      if (part.type === "error") throw part.error;
      if (part.type === "abort") throw controller.signal.reason ?? timeoutError();
    }
  }

  try {
    first = await next();
    if (!first) throw new Error("The provider closed the stream without an answer.");
  } catch (err) {
    cleanup();
    controller.abort();
    throw controller.signal.reason instanceof Error &&
      controller.signal.reason.name === "TimeoutError"
      ? controller.signal.reason
      : err;
  }

  async function* rest(): AsyncGenerator<StreamPart> {
    try {
      for (;;) {
        const part = await next().catch((err: unknown) => {
          throw controller.signal.reason instanceof Error &&
            controller.signal.reason.name === "TimeoutError"
            ? controller.signal.reason
            : err;
        });
        if (!part) throw new Error("The provider stream ended without finishing (cut mid-way).");
        yield part;
        if (part.type === "finish") return;
      }
    } finally {
      cleanup();
    }
  }
  return { first, rest: rest(), abort: () => controller.abort() };
}
