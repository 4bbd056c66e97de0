import type { IncomingMessage, ServerResponse } from "node:http";
import type { HeaderReader } from "../context";
import { payloadTooLarge } from "../errors";
import { bodyCutOff, declaredOverCap, utf8Text } from "../http/body";

/**
 * The body as text, with the same cap as a route handler's (lib/http/body.ts): a declared
 * Content-Length over it is refused unread, a chunked or lying body as soon as it passes it: the
 * rest is never read, the 413 goes out with `Connection: close` and the connection closes after
 * it. Read from Node's own events, no stream adapter between.
 */
export async function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  headers: HeaderReader,
  maxBytes: number,
): Promise<string> {
  // What is left of a refused body is never read: the connection closes after the 413.
  const refuse = () => ((res.shouldKeepAlive = false), payloadTooLarge(maxBytes));
  if (declaredOverCap(headers, maxBytes)) throw refuse();
  if (req.readableEnded) return "";
  if (req.destroyed) throw bodyCutOff();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        done();
        req.pause();
        return reject(refuse());
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      try {
        resolve(utf8Text(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
      } catch (err) {
        reject(err);
      }
    };
    const onGone = () => {
      done();
      reject(bodyCutOff());
    };
    req.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onGone);
  });
}
