import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const DEV_SECRET_FILE = "secret.key";

/** A random key of `length` characters from the base64url alphabet (6 bits of entropy each). */
export function generateSecretKey(length = 64): string {
  return randomBytes(Math.ceil((length * 3) / 4) + 3)
    .toString("base64url")
    .slice(0, length);
}

/**
 * Reads the development secret kept under DATA_DIR, creating it once (mode 0600) when absent.
 * `wx` makes creation atomic: if two processes race, the loser reads the winner's key.
 */
export function readOrCreateDevSecret(dataDir: string): { key: string; created: boolean } {
  const file = path.join(dataDir, DEV_SECRET_FILE);
  try {
    return { key: readFileSync(file, "utf8").trim(), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = generateSecretKey(64);
  try {
    writeFileSync(file, key + "\n", { mode: 0o600, flag: "wx" });
    return { key, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { key: readFileSync(file, "utf8").trim(), created: false };
  }
}
