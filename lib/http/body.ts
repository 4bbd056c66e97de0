import type { HeaderReader } from "../context";
import { AppError, badRequest, payloadTooLarge } from "../errors";
import { assertStorableJson } from "../text-guard";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a body as text with a hard byte cap. A declared Content-Length over the cap is refused
 * before reading; a chunked or lying body is cut off as soon as it passes the cap, so a huge
 * upload costs at most `maxBytes` of memory and never reaches parsing (or password hashing).
 */
export async function readCappedText(req: Request, maxBytes: number): Promise<string> {
  return readCappedStream(req.headers, req.body, maxBytes);
}

/** A declared Content-Length over the cap: refused before anything is read (both transports). */
export function declaredOverCap(headers: HeaderReader, maxBytes: number): boolean {
  const declared = Number(headers.get("content-length") ?? NaN);
  return Number.isFinite(declared) && declared > maxBytes;
}

/** The client hung up mid-body: its mistake (or its choice), a 400, never an outage of ours. */
export const bodyCutOff = () => badRequest("The connection closed before the whole body arrived.");

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A body's bytes as text. Bytes that are not UTF-8 (an overlong form, an encoded surrogate) are a
 * 400, not silently replaced: their escaped form (\ud800) is refused too, so the two agree.
 */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw badRequest("The request body is not valid UTF-8.");
  }
}

/**
 * The same cap over a web body stream (the server entry reads Node's request itself:
 * lib/server/node-body.ts). A stream that fails mid-body is the client's connection closing,
 * a 400, never a 5xx.
 */
export async function readCappedStream(
  headers: HeaderReader,
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string> {
  if (declaredOverCap(headers, maxBytes)) throw payloadTooLarge(maxBytes);
  if (!body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // Leaving the loop early (over the cap) cancels the stream.
    for await (const value of body as unknown as AsyncIterable<Uint8Array>) {
      size += value.byteLength;
      if (size > maxBytes) throw payloadTooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw bodyCutOff();
  }
  return utf8Text(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
}

/** A JSON body (application/json or +json), size-capped; malformed → 400, other types → 415. */
export async function readJsonBody(
  req: Request | { headers: HeaderReader; text(maxBytes: number): Promise<string> },
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<unknown> {
  const type = req.headers.get("content-type");
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the body as JSON with Content-Type: application/json.",
    );
  }
  const text =
    req instanceof Request ? await readCappedText(req, maxBytes) : await req.text(maxBytes);
  if (text.trim() === "") throw badRequest("Request body is required (JSON).");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`Malformed JSON: ${(err as Error).message}`);
  }
  // Decoded UTF-8 holds no NUL (JSON refuses it raw) and no lone surrogate: only a \u escape
  // can make one, so strings are checked only when the text has one. Depth is always checked.
  assertStorableJson(value, { strings: text.includes("\\u") });
  return value;
}
