import { AppError, badRequest, payloadTooLarge } from "../errors";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a body as text with a hard byte cap. A declared Content-Length over the cap is refused
 * before reading; a chunked or lying body is cut off as soon as it passes the cap, so a huge
 * upload costs at most `maxBytes` of memory and never reaches parsing (or password hashing).
 */
export async function readCappedText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw payloadTooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A JSON body (application/json or +json), size-capped; malformed → 400, other types → 415. */
export async function readJsonBody(
  req: Request,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<unknown> {
  const type = req.headers.get("content-type");
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the body as JSON with Content-Type: application/json.",
    );
  }
  const text = await readCappedText(req, maxBytes);
  if (text.trim() === "") throw badRequest("Request body is required (JSON).");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`Malformed JSON: ${(err as Error).message}`);
  }
}
