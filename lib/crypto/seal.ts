import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

// A stored secret the server must read back (a webhook's HMAC key), sealed with AES-256-GCM under
// a key derived from SECRET_KEY and a purpose label: a database dump alone does not reveal it.
// Rotating SECRET_KEY makes sealed values unreadable (their owners make new ones).

const keyOf = (secretKey: string, purpose: string) =>
  createHash("sha256").update(`aios-seal:${purpose}:`).update(secretKey).digest();

export function seal(plaintext: string, secretKey: string, purpose: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", keyOf(secretKey, purpose), iv);
  const body = Buffer.concat([c.update(plaintext, "utf8"), c.final()]);
  return `v1.${iv.toString("base64url")}.${c.getAuthTag().toString("base64url")}.${body.toString("base64url")}`;
}

/** The plaintext, or null when the value was sealed under another key or was tampered with. */
export function unseal(sealed: string, secretKey: string, purpose: string): string | null {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) return null;
  try {
    const d = createDecipheriv(
      "aes-256-gcm",
      keyOf(secretKey, purpose),
      Buffer.from(iv, "base64url"),
    );
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** Whether two secrets are equal, in time that depends on neither (both are hashed first). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash("sha256").update(a).digest(),
    createHash("sha256").update(b).digest(),
  );
}
