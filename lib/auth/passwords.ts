import "server-only";
import { createHmac } from "node:crypto";
import bcrypt from "bcryptjs";
import { COMMON_PASSWORDS } from "./common-passwords";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-limits";

export { PASSWORD_MAX, PASSWORD_MIN };

/**
 * bcrypt reads only the first 72 bytes, so "<72 bytes>A" and "<72 bytes>B" would match. We first
 * HMAC-SHA-256 the password (any length → 32 bytes), base64 it (44 ASCII bytes, no NULs) and
 * bcrypt that. The HMAC key is a fixed application label, not a secret pepper: rotating
 * SECRET_KEY must never lock every user out.
 */
const PREHASH_KEY = "ai-assistant-os/password-prehash/v1";

function prehash(password: string): string {
  return createHmac("sha256", PREHASH_KEY).update(password, "utf8").digest("base64");
}

/** Why a new password is refused, or null. Length is counted in characters (code points). */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return "is one of the most common passwords; choose another";
  if (email && password.toLowerCase() === email.toLowerCase()) return "must not be your email address";
  return null;
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(prehash(password), cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(prehash(password), hash);
}

const dummyHashes = new Map<number, Promise<string>>();

/**
 * Compares against a hash of a random string at the same cost, so an unknown email costs as much
 * time as a wrong password (no account enumeration by timing).
 */
export async function burnPasswordCheck(password: string, cost: number): Promise<false> {
  let dummy = dummyHashes.get(cost);
  if (!dummy) {
    dummy = bcrypt.hash(prehash(crypto.randomUUID()), cost);
    dummyHashes.set(cost, dummy);
  }
  await bcrypt.compare(prehash(password), await dummy);
  return false;
}
