import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { anthropicEvents, anthropicMessage, openaiChunks, openaiCompletion } from "./fake-wire";

/**
 * A local AI provider that speaks the real wire formats: OpenAI `POST /v1/chat/completions` and
 * Anthropic `POST /v1/messages`, as JSON or SSE (with usage), with fault injection. The router's
 * integration tests and benchmarks call it over HTTP exactly as they would call the real APIs.
 */

export type Fault =
  /**
   * An error status with the provider's JSON error body, or with `gatewayPage` an HTML page as a
   * reverse proxy or load balancer in front of a dead endpoint sends it (nginx's 502, a CDN's 503).
   */
  | { kind: "status"; status: number; retryAfterSeconds?: number; gatewayPage?: boolean }
  | { kind: "hang" }
  | { kind: "slow"; delayMs: number }
  /** Waits before answering at all: a slow first token. */
  | { kind: "delay"; delayMs: number }
  | { kind: "malformed" }
  /** A 200 whose first (only) stream event, or whose JSON body, is an error object (vLLM, Ollama). */
  | { kind: "inband"; type?: string; code?: string }
  | { kind: "cut"; afterChunks: number };

export interface RecordedCall {
  path: string;
  apiKey: string | null;
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content: unknown }[];
    [k: string]: unknown;
  };
}

export interface FakeProvider {
  url: string;
  calls: RecordedCall[];
  /** Faults for the next requests, one per request, in order; requests after them answer normally. */
  queueFaults(...faults: Fault[]): void;
  /** Drops faults that were queued but not used. */
  clearFaults(): void;
  close(): Promise<void>;
}

export interface FakeProviderOptions {
  /** The answer text; defaults to echoing the last user message. */
  respond?: (body: RecordedCall["body"]) => string;
  /** Delay before every answer (e.g. 10 ms to model a fast provider in benchmarks). */
  latencyMs?: number;
  /** When set, requests must carry it (Authorization: Bearer / x-api-key). */
  apiKey?: string;
  /** Pause between streamed chunks (makes streaming visible in browser tests). */
  chunkDelayMs?: number;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Every answer waits for this after the call is recorded (a test holds calls in flight). */
  hold?: () => Promise<void>;
  /** A fault chosen by the request itself (after any queued one), for a process no test can queue into. */
  faultFor?: (body: RecordedCall["body"]) => Fault | undefined;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const textOf = (content: unknown): string =>
  typeof content === "string"
    ? content
    : Array.isArray(content)
      ? content.map((p) => (p as { text?: string }).text ?? "").join(" ")
      : "";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The text of the newest user message (all its parts), as the answers quote it. */
export function lastUserText(body: RecordedCall["body"]): string {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  return textOf(last?.content);
}

function defaultAnswer(body: RecordedCall["body"]): string {
  return `echo: ${lastUserText(body)}`;
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const calls: RecordedCall[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const anthropic = req.url === "/v1/messages";
    const apiKey = anthropic
      ? ((req.headers["x-api-key"] as string | undefined) ?? null)
      : (req.headers.authorization?.replace(/^Bearer\s+/i, "") ?? null);
    let body: RecordedCall["body"];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {
      return sendError(res, anthropic, 400, "invalid_request_error", "Body is not JSON.");
    }
    calls.push({ path: req.url ?? "", apiKey, body });
    if (req.method !== "POST" || (req.url !== "/v1/chat/completions" && !anthropic))
      return sendError(res, anthropic, 404, "not_found_error", `No route ${req.method} ${req.url}`);
    if (options.apiKey && apiKey !== options.apiKey)
      return sendError(res, anthropic, 401, "authentication_error", "Invalid API key.");

    const fault = faults.shift() ?? options.faultFor?.(body);
    if (options.hold) await options.hold();
    if (options.latencyMs) await sleep(options.latencyMs);
    if (fault?.kind === "delay") await sleep(fault.delayMs);
    if (req.socket.destroyed) return; // the caller left while we waited
    if (fault?.kind === "hang") return; // never answers; close() destroys the socket
    if (fault?.kind === "status") {
      if (fault.retryAfterSeconds !== undefined)
        res.setHeader("retry-after", String(fault.retryAfterSeconds));
      if (fault.gatewayPage) {
        res.writeHead(fault.status, { "content-type": "text/html" });
        return res.end(
          `<html><body><h1>${fault.status}</h1>The upstream server is unavailable.</body></html>`,
        );
      }
      return sendError(
        res,
        anthropic,
        fault.status,
        fault.status === 429 ? "rate_limit_error" : "api_error",
        `Injected ${fault.status}.`,
      );
    }
    const answer = (options.respond ?? defaultAnswer)(body);
    const usage = {
      input: words(
        (body.messages ?? []).map((m) => textOf(m.content)).join(" ") + " " + textOf(body.system),
      ).length,
      output: words(answer).length,
    };
    const model = String(body.model ?? "fake-model");
    if (fault?.kind === "inband" && !anthropic) {
      const { type = "server_error", code = null } = fault;
      const error = JSON.stringify({ error: { message: "Injected in-band error.", type, code } });
      res.writeHead(200, {
        "content-type": body.stream ? "text/event-stream" : "application/json",
      });
      return res.end(body.stream ? `data: ${error}\n\n` : error);
    }
    if (fault?.kind === "malformed") {
      res.writeHead(200, {
        "content-type": body.stream ? "text/event-stream" : "application/json",
      });
      return res.end(
        body.stream ? 'data: {"id": "broken", "choices": [\n\n' : '{"id": "broken", "choices": [',
      );
    }
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(
        JSON.stringify(
          anthropic
            ? anthropicMessage(model, answer, usage)
            : openaiCompletion(model, answer, usage),
        ),
      );
    }
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    res.flushHeaders();
    const events = anthropic
      ? anthropicEvents(model, answer, usage)
      : openaiChunks(
          model,
          answer,
          usage,
          Boolean((body.stream_options as { include_usage?: boolean })?.include_usage),
        );
    for (const [i, event] of events.entries()) {
      if (fault?.kind === "cut" && i >= fault.afterChunks) return req.socket.destroy();
      if (fault?.kind === "slow") await sleep(fault.delayMs);
      else if (options.chunkDelayMs && i > 0) await sleep(options.chunkDelayMs);
      // Wait for each chunk to reach the socket, so a cut really happens mid-stream.
      await new Promise<void>((resolve) => res.write(event, () => resolve()));
    }
    res.end();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    queueFaults: (...f) => void faults.push(...f),
    clearFaults: () => void faults.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function sendError(
  res: ServerResponse,
  anthropic: boolean,
  status: number,
  type: string,
  message: string,
): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(
    JSON.stringify(
      anthropic
        ? { type: "error", error: { type, message } }
        : { error: { message, type, param: null, code: null } },
    ),
  );
}
