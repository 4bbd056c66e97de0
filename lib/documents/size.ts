import { AppError } from "../errors";
import { MAX_DOCUMENT_BYTES, type TiptapDoc } from "./schemas";

/** 413 naming `content` when a body is over MAX_DOCUMENT_BYTES as JSON. */
export function checkSize(content: TiptapDoc | undefined): void {
  if (content && Buffer.byteLength(JSON.stringify(content)) > MAX_DOCUMENT_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The document is larger than ${MAX_DOCUMENT_BYTES / 1_000_000} MB; split it.`,
      {
        fields: [
          { field: "content", message: `must be at most ${MAX_DOCUMENT_BYTES} bytes as JSON` },
        ],
      },
    );
  }
}
