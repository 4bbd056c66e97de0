import "server-only";
import { APICallError } from "ai";
import { Pool } from "undici";
import type { AttemptParams, OpenedStream, ProviderClient, StreamPart } from "./attempts";
import {
  finishOf,
  flatHeaders,
  malformed,
  networkError,
  providerMessage,
  readCapped,
  sseParts,
  usageOf,
  type ChatChunk,
} from "./openai-wire-parse";

/**
 * A direct client for OpenAI's chat-completions wire format (OpenAI itself and every
 * OpenAI-compatible endpoint): one keep-alive connection pool per origin, the request body
 * built once, the answer read straight from the socket. The AI SDK costs about 1.6 ms per call
 * on top of the HTTP exchange (measured: bench:gateway); this costs well under 0.1 ms. Its errors are
 * the AI SDK's `APICallError`, so retries, fallbacks and the breaker treat both clients alike: a
 * network fault (refused, reset, DNS, connect timeout) is an APICallError without a status.
 */

export interface OpenAiWireOptions {
  /** e.g. https://api.openai.com/v1 (the path prefix before /chat/completions). */
  baseUrl: string;
  apiKey?: string;
}

const pools = new Map<string, Pool>();

/** The origin's pool, shared by every model of every provider on it (closed by `closePools`). */
function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    // No cap on connections: streams are pull-based, so a slow reader holds its connection, and
    // a cap would let a few slow clients queue everyone else's calls behind them.
    pool = new Pool(origin, {
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      pipelining: 1,
    });
    pools.set(origin, pool);
  }
  return pool;
}

/** Closes every pool; calls still running after `graceMs` are cut (shutdown must end). */
export async function closePools(graceMs = 1_000): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(
    all.map(async (p) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), graceMs)));
      const how = await Promise.race([p.close().then(() => "closed" as const), late]).catch(
        () => "late" as const,
      );
      clearTimeout(timer);
      if (how === "late") await p.destroy().catch(() => {});
    }),
  );
}

const timeoutError = () =>
  Object.assign(new Error("The provider did not answer in time."), { name: "TimeoutError" });

export function openAiWireClient(modelId: string, opts: OpenAiWireOptions): ProviderClient {
  const base = new URL(opts.baseUrl.endsWith("/") ? opts.baseUrl : `${opts.baseUrl}/`);
  const url = new URL("chat/completions", base);
  const path = `${url.pathname}${url.search}`;
  const pool = () => poolFor(url.origin);
  // OpenAI's reasoning models take max_completion_tokens and no sampling temperature (as the AI
  // SDK maps them); everything else keeps the classic field every compatible server knows.
  const reasoning = /^(o\d|gpt-5)/.test(modelId);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
  };

  const bodyOf = (p: AttemptParams, stream: boolean) =>
    JSON.stringify({
      model: modelId,
      messages: p.messages
        .filter((m) => m.role !== "tool")
        .map((m) => ({ role: m.role, content: m.content })),
      temperature: reasoning ? undefined : p.temperature,
      ...(reasoning
        ? { max_completion_tokens: p.maxOutputTokens }
        : { max_tokens: p.maxOutputTokens }),
      top_p: p.sampling?.topP,
      stop: p.sampling?.stopSequences,
      seed: p.sampling?.seed,
      presence_penalty: p.sampling?.presencePenalty,
      frequency_penalty: p.sampling?.frequencyPenalty,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    });

  async function post(body: string, signal: AbortSignal, stream: boolean) {
    const res = await pool()
      .request({
        path,
        method: "POST",
        headers: stream ? { ...headers, accept: "text/event-stream" } : headers,
        body,
        signal,
      })
      .catch((err: unknown) => {
        throw signal.aborted ? err : networkError(url.href, err);
      });
    if (res.statusCode >= 300) {
      const text = await readCapped(res.body, url.href).catch(() => "");
      throw new APICallError({
        message: providerMessage(text) ?? `The provider answered ${res.statusCode}.`,
        url: url.href,
        requestBodyValues: {},
        statusCode: res.statusCode,
        responseHeaders: flatHeaders(res.headers),
        responseBody: text.slice(0, 2_000),
      });
    }
    return res;
  }

  /** A failure as the router classifies it: our deadline → TimeoutError, else the cause. */
  const rethrow = (err: unknown, deadline: AbortSignal): never => {
    if (
      deadline.aborted &&
      deadline.reason instanceof Error &&
      deadline.reason.name === "TimeoutError"
    )
      throw deadline.reason;
    throw err;
  };

  return {
    async generate(p, timeoutMs) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(timeoutError()), timeoutMs);
      const onAbort = () => deadline.abort(p.signal?.reason);
      p.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const res = await post(bodyOf(p, false), deadline.signal, false);
        const text = await readCapped(res.body, url.href).catch((err: unknown) => {
          throw deadline.signal.aborted || APICallError.isInstance(err)
            ? err
            : networkError(url.href, err);
        });
        let json: ChatChunk & {
          choices?: { message?: { content?: string | null }; finish_reason?: string }[];
        };
        try {
          json = JSON.parse(text);
        } catch {
          throw malformed(url.href, text);
        }
        const choice = json.choices?.[0];
        if (
          !choice ||
          (typeof choice.message?.content !== "string" && choice.message?.content !== null)
        )
          throw malformed(url.href, text);
        return {
          text: choice.message?.content ?? "",
          usage: usageOf(json.usage),
          finishReason: finishOf(choice.finish_reason),
        };
      } catch (err) {
        return rethrow(err, deadline.signal);
      } finally {
        clearTimeout(timer);
        p.signal?.removeEventListener("abort", onAbort);
      }
    },

    async open(p, timeoutMs, firstTokenMs = timeoutMs): Promise<OpenedStream> {
      const deadline = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const arm = (ms = timeoutMs) => {
        clearTimeout(timer);
        timer = setTimeout(() => deadline.abort(timeoutError()), ms);
      };
      const onAbort = () => deadline.abort(p.signal?.reason);
      p.signal?.addEventListener("abort", onAbort, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        p.signal?.removeEventListener("abort", onAbort);
      };
      arm(firstTokenMs);
      let parts: AsyncGenerator<StreamPart>;
      let first: StreamPart;
      try {
        const res = await post(bodyOf(p, true), deadline.signal, true);
        parts = sseParts(res.body, url.href);
        const r = await parts.next();
        if (r.done) throw new Error("The provider closed the stream without an answer.");
        first = r.value;
        clearTimeout(timer);
      } catch (err) {
        cleanup();
        deadline.abort();
        return rethrow(err, deadline.signal);
      }
      async function* rest(): AsyncGenerator<StreamPart> {
        try {
          for (;;) {
            // The deadline runs while we wait on the provider for the next part (not while the
            // client reads it); keep-alive comments and empty chunks do not re-arm it.
            arm();
            const r = await parts
              .next()
              .catch((err: unknown) => rethrow(err, deadline.signal))
              .finally(() => clearTimeout(timer));
            if (r.done)
              throw new Error("The provider stream ended without finishing (cut mid-way).");
            yield r.value;
            if (r.value.type === "finish") return;
          }
        } finally {
          cleanup();
          void parts.return(undefined);
        }
      }
      return {
        first,
        rest: first.type === "finish" ? emptyRest(cleanup) : rest(),
        abort: () => deadline.abort(),
      };
    },
  };
}

async function* emptyRest(cleanup: () => void): AsyncGenerator<StreamPart> {
  cleanup();
}
