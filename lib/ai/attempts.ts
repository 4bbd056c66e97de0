import "server-only";
import {
  generateText,
  streamText,
  type LanguageModel,
  type TextStreamPart,
  type ToolSet,
} from "ai";
import { isShutdown } from "../errors";
import type { Logger } from "../log";
import type { CircuitBreaker } from "./breaker";
import type { ModelInfo } from "./catalogue";
import { classifyProviderError, type ErrorClass } from "./errors";
import type { ChatMessage } from "./task-types";
import type { CompletionInput, RouteDecision, Usage } from "./types";

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
  open(params: AttemptParams, timeoutMs: number): Promise<OpenedStream>;
}

/** An AI SDK language model as a ProviderClient. */
export function sdkClient(model: LanguageModel): ProviderClient {
  return {
    generate: (params, timeoutMs) => generateOnce(model, params, timeoutMs),
    open: (params, timeoutMs) => openStream(model, params, timeoutMs),
  };
}

export interface AttemptDeps {
  /** The client for a catalogue model (built once per model, not per call). */
  client: (m: ModelInfo) => ProviderClient;
  breaker: CircuitBreaker;
  timeoutMs: number;
  retries: number;
  backoffMs: (attempt: number, retryAfterMs?: number) => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What a provider call takes from the router's input (the request itself, no routing fields). */
export type AttemptParams = Pick<
  CompletionInput,
  "messages" | "temperature" | "maxOutputTokens" | "sampling" | "signal"
>;

/** Every candidate failed (or the client left): what was tried, for the answer and the ledger. */
export class AttemptsFailed extends Error {
  constructor(
    readonly tried: RouteDecision["fallbacksTried"],
    readonly errorClass: ErrorClass | "circuit_open" | AbortClass,
    readonly lastStatus?: number,
    /** A non-retryable refusal (4xx about the request): no other candidate was tried. */
    readonly refused = false,
  ) {
    super(`all attempts failed (${errorClass})`);
    this.name = "AttemptsFailed";
  }
}

/** Waits, but not past the client leaving. */
const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
/** Why a request stopped that nobody answered: its client left, or the server's drain deadline. */
export type AbortClass = "cancelled" | "shutdown";
export const abortClass = (signal: AbortSignal | undefined): AbortClass =>
  isShutdown(signal?.reason) ? "shutdown" : "cancelled";

const sdkMessages = (messages: ChatMessage[]) => messages.filter((m) => m.role !== "tool") as never;

/**
 * Tries the candidates in order — skipping providers whose circuit is open, retrying retryable
 * failures (429/5xx/timeouts/garbled answers) on the same model with backoff, then moving on —
 * and returns the first success. A 4xx about the request itself is not retried anywhere.
 */
export async function runCandidates<T>(
  candidates: ModelInfo[],
  deps: AttemptDeps,
  log: Logger,
  signal: AbortSignal | undefined,
  attempt: (model: ModelInfo) => Promise<T>,
): Promise<{ value: T; model: ModelInfo; tried: RouteDecision["fallbacksTried"] }> {
  const tried: RouteDecision["fallbacksTried"] = [];
  const sleep = deps.sleep ?? defaultSleep;
  for (const model of candidates) {
    if (signal?.aborted) throw new AttemptsFailed(tried, abortClass(signal));
    if (!deps.breaker.tryAcquire(model.provider)) {
      tried.push({ model: model.id, errorClass: "circuit_open" });
      continue;
    }
    for (let n = 0; ; n++) {
      try {
        if (signal?.aborted) throw new Error("cancelled");
        const value = await attempt(model);
        deps.breaker.onSuccess(model.provider);
        return { value, model, tried };
      } catch (err) {
        if (signal?.aborted) {
          deps.breaker.release(model.provider); // the client left; nothing is known about the provider
          throw new AttemptsFailed(tried, abortClass(signal));
        }
        const failure = classifyProviderError(err);
        log.warn(
          { model: model.id, attempt: n, errorClass: failure.errorClass, status: failure.status },
          "provider attempt failed",
        );
        if (!failure.retryable) {
          tried.push({ model: model.id, errorClass: failure.errorClass });
          // A rejected key is the provider's fault (opens its circuit); an unknown model or a bad request is not.
          if (failure.errorClass === "auth_error") deps.breaker.onFailure(model.provider);
          else deps.breaker.onSuccess(model.provider);
          if (failure.fallback) break;
          throw new AttemptsFailed(tried, failure.errorClass, failure.status, true);
        }
        deps.breaker.onFailure(model.provider);
        if (n < deps.retries && deps.breaker.state(model.provider) === "closed") {
          await sleep(deps.backoffMs(n, failure.retryAfterMs), signal);
          continue;
        }
        tried.push({ model: model.id, errorClass: failure.errorClass });
        break;
      }
    }
  }
  throw new AttemptsFailed(tried, tried.at(-1)?.errorClass ?? "unknown");
}

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
 * fall back to another candidate. `timeoutMs` bounds the wait for the first token and then each
 * gap between tokens: a provider that stalls mid-stream ends in an error, not a hang.
 */
export async function openStream(
  model: LanguageModel,
  params: AttemptParams,
  timeoutMs: number,
): Promise<OpenedStream> {
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(params.signal?.reason);
  params.signal?.addEventListener("abort", onClientAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(timeoutError()), timeoutMs);
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

  let first: StreamPart | null;
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
