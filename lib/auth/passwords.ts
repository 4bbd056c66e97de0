import "server-only";
import { createHmac } from "node:crypto";
import bcrypt from "bcryptjs";

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
