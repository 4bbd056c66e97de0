import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequest } from "../errors";
import { readCappedStream } from "../http/body";
import type { ApiRequest } from "../http/route";

/**
 * Node's HTTP objects as the API core's ApiRequest and back: what the server entry needs to
 * answer a path without Next.js. Nothing here decides anything; the core and the edge do.
 */

/** The request's headers as web Headers, with the client address Next.js would add. */
export function requestHeaders(req: IncomingMessage): Headers {
  // Node's merged view, as Next.js reads it: duplicate Cookie headers joined with "; ", a
  // duplicated Authorization or Host kept once (the first), others joined with ", ".
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // As Next.js does: without a proxy in front, the socket's peer is the client.
  if (!headers.has("x-forwarded-for") && req.socket.remoteAddress)
    headers.set("x-forwarded-for", req.socket.remoteAddress);
  return headers;
}

/**
 * The request as the API core sees it, plus `abort`: the server ends a request itself (at the
 * drain deadline) through the same signal a client leaving would fire, so whatever produces the
 * answer stops and settles at once (its ledger row is recorded before the shutdown hooks run).
 */
export function toApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  headers: Headers,
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
    text: async (maxBytes) => {
      try {
        return await readCappedStream(headers, req, maxBytes);
      } catch (err) {
        // The client hung up mid-body: its mistake (or its choice), never an outage of ours.
        if (req.destroyed && !req.complete)
          throw badRequest("The connection closed before the whole body arrived.");
        throw err;
      }
    },
    /** Cancels the request's work (the server is shutting down and ended its stream). */
    abort() {
      controller ??= new AbortController();
      controller.abort(new Error("The server is shutting down."));
    },
  };
}

/** A stream being written, so that shutdown can end it with an explicit error event. */
export interface OpenStream {
  /** Writes `frame` (if still open), stops reading the producer, and ends the response. */
  terminate(frame: string): void;
}

/**
 * Writes a web Response to Node's response: status, headers (several Set-Cookie kept apart),
 * then the body, honouring backpressure. A client that leaves cancels the body, which stops the
 * producer (the router's provider stream). Resolves when the response has ended.
 */
export async function sendResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Record<string, string>,
  onStream?: (stream: OpenStream) => () => void,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  for (const [name, value] of Object.entries(extraHeaders)) headers[name.toLowerCase()] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
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
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    headers["content-length"] = String(body.byteLength);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  res.flushHeaders();
  let ended = false;
  const stop = () => {
    if (ended) return;
    ended = true;
    void reader.cancel().catch(() => {});
  };
  res.once("close", stop);
  const unregister = onStream?.({
    terminate(frame) {
      if (ended) return;
      stop();
      if (!res.writableEnded) res.end(frame);
    },
  });
  try {
    while (!ended) {
      const { done, value } = await reader.read();
      if (done || ended) break;
      if (res.destroyed) break;
      if (!res.write(value))
        await new Promise<void>((resolve) => {
          const go = () => (res.off("drain", go), res.off("close", go), resolve());
          res.on("drain", go);
          res.on("close", go);
        });
    }
  } catch {
    // The producer failed without an error frame (it always sends one); end what was sent.
  } finally {
    ended = true;
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
  if (json === undefined) {
    res.writeHead(status, { ...headers, "content-length": "0" });
    res.end();
    return;
  }
  const body = Buffer.from(JSON.stringify(json));
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(body.byteLength),
  });
  res.end(body);
}
