import { createHash, randomBytes } from "node:crypto";

/** Keys look like `aios_<43 base64url chars>` (256 random bits); the prefix makes leaks greppable. */
export const KEY_PREFIX = "aios_";
/** How much of the key lists show: enough to tell keys apart, far too little to guess the rest. */
export const DISPLAY_PREFIX_LENGTH = 12;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/** SHA-256 is enough here (unlike passwords): the key has 256 bits of entropy, nothing to brute force. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return (
    value.startsWith(KEY_PREFIX) && value.length >= KEY_PREFIX.length + 32 && value.length <= 128
  );
}
