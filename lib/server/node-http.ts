import type { IncomingMessage, ServerResponse } from "node:http";
import type { HeaderReader } from "../context";
import { shutdownReason } from "../errors";
import { JsonAnswer, SseAnswer, type ApiAnswer } from "../http/answer";
import type { ApiRequest } from "../http/route";
import { readBody } from "./node-body";

/**
 * Node's HTTP objects as the API core's ApiRequest and back: what the server entry needs to
 * answer a path without Next.js. Nothing here decides anything; the core and the edge do.
 */

/**
 * The request's headers as the core reads them, over Node's parsed headers (nothing copied or
 * re-validated): Node's merged view, as Next.js reads it (duplicate Cookie headers joined with
 * "; ", a duplicated Authorization or Host kept once, the first, others joined with ", "), plus
 * what the server sets itself (the request id), and the client address Next.js would add.
 */
export class RequestHeaders implements HeaderReader {
  private readonly own = new Map<string, string>();

  constructor(private readonly req: IncomingMessage) {
    // As Next.js does: without a proxy in front, the socket's peer is the client.
    if (req.headers["x-forwarded-for"] === undefined && req.socket.remoteAddress)
      this.own.set("x-forwarded-for", req.socket.remoteAddress);
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    const own = this.own.get(key);
    if (own !== undefined) return own;
    // Own properties only: "constructor" is not a header.
    const value = Object.hasOwn(this.req.headers, key) ? this.req.headers[key] : undefined;
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  /** A header the server decides (e.g. the request id it assigned), read in place of the client's. */
  set(name: string, value: string): void {
    this.own.set(name.toLowerCase(), value);
  }
}

/**
 * The request as the API core sees it, plus `abort`: the server ends a request itself (at the
 * drain deadline) through the same signal a client leaving would fire, so whatever produces the
 * answer stops and settles at once (its ledger row is recorded before the shutdown hooks run).
 */
export function toApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  headers: HeaderReader,
  url: URL,
): ApiRequest & { abort(): void } {
  let controller: AbortController | undefined;
  const onClose = () => {
    if (!res.writableFinished) controller?.abort(new Error("The client closed the connection."));
  };
  res.once("close", onClose);
  return {
    method: req.method ?? "GET",
    url,
    headers,
    // Made on first use: most answers never look at it.
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (res.destroyed && !res.writableFinished) controller.abort();
      }
      return controller.signal;
    },
    text: (maxBytes) => readBody(req, res, headers, maxBytes),
    /** Cancels the request's work (the server is shutting down and ended its stream). */
    abort() {
      controller ??= new AbortController();
      controller.abort(shutdownReason());
    },
  };
}

/** A stream being written, so that shutdown can end it with an explicit error event. */
export interface OpenStream {
  /** Writes `frame` (if still open), stops reading the producer, and ends the response. */
  terminate(frame: string): void;
}

/**
 * Writes the core's answer to Node's response: status, headers (several Set-Cookie kept apart),
 * then the body: a JSON answer's text at once with its length, an event stream's frames (or a
 * web Response's body) as they come, honouring backpressure. A client that leaves stops the
 * producer (the router's provider stream). Resolves when the response has ended.
 */
export async function sendResponse(
  res: ServerResponse,
  response: ApiAnswer,
  extraHeaders: Record<string, string>,
  onStream?: (stream: OpenStream) => () => void,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  if (response instanceof Response)
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") headers[name] = value;
    });
  else for (const [name, value] of response.headers.entries()) headers[name] = value;
  for (const [name, value] of Object.entries(extraHeaders)) headers[name.toLowerCase()] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  if (response instanceof JsonAnswer) return endWith(res, response.status, headers, response.text);
  if (response instanceof SseAnswer) {
    const it = response.frames[Symbol.asyncIterator]();
    try {
      res.writeHead(response.status, headers);
    } catch (err) {
      // Nothing was sent: stop the producer (it settles its ledger row), then the error answer.
      void Promise.resolve(it.return?.()).catch(() => {});
      throw err;
    }
    res.flushHeaders();
    return pump(
      res,
      () => it.next(),
      () => it.return?.(),
      onStream,
    );
  }
  if (!response.body) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const streaming = headers["content-type"]?.toString().startsWith("text/event-stream");
  const reader = response.body.getReader();
  if (!streaming) {
    // One JSON body: read it whole, send it with its length (no chunked encoding).
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    return endWith(
      res,
      response.status,
      headers,
      chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
    );
  }
  res.writeHead(response.status, headers);
  res.flushHeaders();
  return pump(
    res,
    () => reader.read(),
    () => reader.cancel(),
    onStream,
  );
}

/**
 * Copies a stream to the response until it ends, the client leaves (then `cancel` stops the
 * producer) or shutdown terminates it with a last frame; waits for `drain` when the socket is
 * full, so a slow client slows the producer instead of growing a buffer.
 */
async function pump(
  res: ServerResponse,
  next: () => Promise<IteratorResult<string | Uint8Array, unknown>>,
  cancel: () => unknown,
  onStream?: (stream: OpenStream) => () => void,
): Promise<void> {
  let cancelled = false;
  const cancelProducer = () => {
    if (cancelled) return;
    cancelled = true;
    void Promise.resolve()
      .then(cancel)
      .catch(() => {});
  };
  let ended = false;
  const stop = () => {
    ended = true;
    cancelProducer();
  };
  res.once("close", stop);
  const unregister = onStream?.({
    terminate(frame) {
      if (ended) return;
      stop();
      if (!res.writableEnded) res.end(frame);
    },
  });
  // Set when the producer itself finished (done, or threw): then there is nothing to stop.
  let finished = false;
  try {
    while (!ended && !res.destroyed) {
      const { done, value } = await next();
      if (done) finished = true;
      if (done || ended || res.destroyed) break;
      if (!res.write(value))
        await new Promise<void>((resolve) => {
          const go = () => (res.off("drain", go), res.off("close", go), resolve());
          res.on("drain", go);
          res.on("close", go);
        });
    }
  } catch {
    // The producer failed without an error frame (it always sends one); end what was sent.
    finished = true;
  } finally {
    // The client left before or while we wrote (its 'close' may have come before we listened).
    if (!finished) cancelProducer();
    ended = true;
    res.off("close", stop);
    unregister?.();
    if (!res.writableEnded) res.end();
  }
}

/** A small JSON answer (the edge's 401, a preflight), with the given headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  json: unknown,
  headers: Record<string, string>,
): void {
  if (json === undefined) return endWith(res, status, { ...headers }, "");
  endWith(res, status, { ...headers, "content-type": "application/json" }, JSON.stringify(json));
}

/** The whole answer at once, with its length (no chunked encoding). */
function endWith(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Uint8Array,
): void {
  headers["content-length"] = String(
    typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
  );
  res.writeHead(status, headers);
  res.end(body);
}
