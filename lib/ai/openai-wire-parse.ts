import "server-only";
import { StringDecoder } from "node:string_decoder";
import { APICallError } from "ai";
import type { StreamPart } from "./attempts";
import type { Usage } from "./types";

/**
 * Reading OpenAI's chat-completions wire format off the socket, for the direct client
 * (lib/ai/openai-wire.ts): the SSE stream as router stream parts, bodies with a size cap, and
 * its faults as the AI SDK's `APICallError` (so the router classifies both clients alike).
 */

/** An answer (or an error body) larger than this is a malformed answer, not a memory problem. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** One SSE line longer than this is malformed (a provider streaming without newlines). */
const MAX_LINE_BYTES = 1024 * 1024;

export interface ChatChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string; type?: unknown; code?: unknown };
}

const FINISH: Record<string, string> = {
  stop: "stop",
  length: "length",
  content_filter: "content-filter",
  tool_calls: "tool-calls",
  function_call: "tool-calls",
};
export const finishOf = (r: string | null | undefined) => (r ? (FINISH[r] ?? "other") : "unknown");
export const usageOf = (u: ChatChunk["usage"]): Usage => ({
  inputTokens: u?.prompt_tokens ?? 0,
  outputTokens: u?.completion_tokens ?? 0,
});

/**
 * The SSE body as stream parts: each event's `data:` lines a JSON chunk, text deltas as they
 * come, and one finish after `[DONE]` (or at the end of a body that sent a finish reason), with
 * the usage of the last chunk that had it. Bytes are decoded as one UTF-8 stream (a character
 * split across reads stays whole). An `error` chunk, an over-long line, or a body that ends
 * without finishing throws.
 */
export async function* sseParts(
  body: AsyncIterable<Buffer | Uint8Array>,
  href: string,
): AsyncGenerator<StreamPart> {
  const decoder = new StringDecoder("utf8");
  let buffer = "";
  let data: string[] = [];
  let usage: Usage = { inputTokens: 0, outputTokens: 0 };
  let finishReason: string | undefined;
  const it = body[Symbol.asyncIterator]();
  /** One complete event's payload: a delta, "done", or null (nothing to pass on). */
  const event = (payload: string): StreamPart | "done" | null => {
    if (payload === "[DONE]") return "done";
    let chunk: ChatChunk;
    try {
      chunk = JSON.parse(payload) as ChatChunk;
    } catch {
      throw malformed(href, payload);
    }
    if (chunk.error)
      throw new APICallError({
        message: chunk.error.message ?? "The provider reported an error mid-stream.",
        url: href,
        requestBodyValues: {},
        statusCode: inBandStatus(chunk.error),
        responseBody: payload.slice(0, 2_000),
      });
    if (chunk.usage) usage = usageOf(chunk.usage);
    const choice = chunk.choices?.[0];
    if (choice?.finish_reason) finishReason = finishOf(choice.finish_reason);
    const text = choice?.delta?.content;
    return text ? { type: "delta", text } : null;
  };
  try {
    for (;;) {
      const { value, done } = await it.next().catch((err: unknown) => {
        throw APICallError.isInstance(err) ? err : networkError(href, err);
      });
      buffer += done ? decoder.end() : decoder.write(Buffer.from(value));
      for (;;) {
        const nl = buffer.search(/\r\n|\r|\n/);
        if (nl === -1) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith("\r\n", nl) ? 2 : 1));
        if (line === "") {
          // A blank line ends an event: its data lines, joined by newlines, are one payload.
          const payload = data.join("\n");
          data = [];
          if (!payload) continue;
          const out = event(payload);
          if (out === "done") {
            yield { type: "finish", usage, finishReason: finishReason ?? "stop" };
            return;
          }
          if (out) yield out;
        } else if (line.startsWith("data:")) {
          data.push(line.slice(line.charAt(5) === " " ? 6 : 5));
        } // comments (":…"), event:, id: and retry: carry nothing the router uses
      }
      if (buffer.length > MAX_LINE_BYTES) throw malformed(href, buffer.slice(0, 2_000));
      if (done) break;
    }
    // The body ended: a last event without its blank line still counts.
    const last = data.length ? event(data.join("\n")) : null;
    if (last && last !== "done") yield last;
    // Some compatible servers send the finish reason and close without [DONE].
    if (last === "done" || finishReason) {
      yield { type: "finish", usage, finishReason: finishReason ?? "stop" };
      return;
    }
  } finally {
    await it.return?.();
  }
  throw new Error("The provider stream ended without finishing (cut mid-way).");
}

/** A body as text, at most MAX_BODY_BYTES (more is a malformed answer, not a memory problem). */
export async function readCapped(
  body: AsyncIterable<Buffer | Uint8Array>,
  href: string,
): Promise<string> {
  const decoder = new StringDecoder("utf8");
  let text = "";
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw malformed(href, "(answer over 16 MB)");
    text += decoder.write(Buffer.from(chunk));
  }
  return text + decoder.end();
}

/** A fault on the way to the provider (refused, reset, DNS, TLS, connect timeout): retryable. */
export function networkError(href: string, cause: unknown): APICallError {
  return new APICallError({
    message: `The provider could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`,
    url: href,
    requestBodyValues: {},
    cause,
    isRetryable: true,
  });
}

export function malformed(href: string, text: string): APICallError {
  return new APICallError({
    message: "The provider's answer could not be read as chat-completions JSON.",
    url: href,
    requestBodyValues: {},
    statusCode: 200,
    responseBody: text.slice(0, 2_000),
  });
}

export function providerMessage(text: string): string | undefined {
  try {
    const m = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof m === "string" ? m.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

export function flatHeaders(
  h: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/**
 * The status an error sent in band (a 200 whose stream carries `{"error": {…}}`, as vLLM, Ollama
 * and OpenRouter do) stands for, from its type or code, so it is retried, falls back or is
 * refused exactly like the same fault answered with that status. Unknown kinds are a 500.
 */
export function inBandStatus(error: { type?: unknown; code?: unknown }): number {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const said = `${text(error.type)} ${text(error.code)}`;
  if (/rate.?limit|too.?many|quota/i.test(said)) return 429;
  if (/model.?not.?found|not.?found/i.test(said)) return 404;
  if (/auth|api.?key|permission/i.test(said)) return 401;
  if (/invalid.?request|context.?length|bad.?request/i.test(said)) return 400;
  return 500;
}
