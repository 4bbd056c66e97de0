import { createHash } from "node:crypto";

/**
 * The first 128 bits of SHA-256 over an entry's key and value, stored with it and checked before
 * it is served: an answer changed in place (same length, so SQLite's own page checks and
 * `integrity_check` pass) no longer matches, nor does a value moved under another key.
 */
export function entryChecksum(key: string, value: string): string {
  return createHash("sha256").update(key).update("\0").update(value).digest("hex").slice(0, 32);
}

/** Whether a stored row is what was written; a row without a checksum (older code) is not. */
export const verified = (key: string, row: { value: string; checksum: string | null }) =>
  row.checksum !== null && row.checksum === entryChecksum(key, row.value);
