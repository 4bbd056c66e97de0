import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, waitForLine } from "./spawn";

/** A cache file path in a fresh temp directory (the file itself does not exist yet). */
export function tmpCacheFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "aios-cache-")), "cache.sqlite");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 20 ms; resolves with how long it took to hold, rejects after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not true after ${timeoutMs} ms`);
    await sleep(20);
  }
  return performance.now() - started;
}

// Another process, as an operator's `sqlite3` shell or a backup tool would be.
const LOCKER = `
const Database = require("better-sqlite3");
const db = new Database(process.env.LOCK_FILE);
db.exec("BEGIN EXCLUSIVE");
console.log("locked");
setTimeout(() => { db.exec("COMMIT"); db.close(); console.log("released"); }, Number(process.env.LOCK_MS));
`;

/**
 * Another process takes `BEGIN EXCLUSIVE` on `file` and holds it for `ms`. Resolves once it holds
 * the lock, with a promise that resolves when it has committed and closed.
 */
export async function holdExclusiveLock(
  file: string,
  ms: number,
): Promise<{ released: Promise<void> }> {
  const child = spawn(process.execPath, ["-e", LOCKER], {
    cwd: ROOT,
    env: { ...process.env, LOCK_FILE: file, LOCK_MS: String(ms) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const released = waitForLine(child, /released/).then(() => undefined);
  await waitForLine(child, /locked/);
  return { released };
}

/**
 * Sets this process's soft limit on the size of a file it writes (RLIMIT_FSIZE, via util-linux
 * `prlimit`): past it a write fails with EFBIG, as on a full disk (Node ignores SIGXFSZ).
 * `"unlimited"` lifts it again.
 */
export function limitFileSize(bytes: number | "unlimited"): void {
  const res = spawnSync("prlimit", ["--pid", String(process.pid), `--fsize=${bytes}:`]);
  if (res.status !== 0) throw new Error(`prlimit failed: ${res.stderr}`);
}

/** The size of `file`, 0 when it does not exist. */
export const sizeOf = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
