import { hostname } from "node:os";
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One owning process for a directory. PGlite opened twice on the same files gives no error and
 * silently loses writes, so the embedded database takes this lock first.
 *
 * The lock is a file holding the owner's pid: a crashed owner leaves a stale file that the next
 * process detects (no such pid) and replaces at once, with no timeout to wait out.
 */

export class DirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
    readonly ownerHost: string,
  ) {
    super(`already locked by process ${ownerPid} on ${ownerHost} (${lockFile})`);
    this.name = "DirLockedError";
  }
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function readLock(file: string): { raw: string; info: LockInfo | null } | null {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  try {
    return { raw, info: JSON.parse(raw) as LockInfo };
  } catch {
    return { raw, info: null }; // half-written by a process that died mid-write: stale
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

// Locks held by this process: a second open in the same process (e.g. a module re-evaluated by
// hot reload) must fail too, since the pid check alone cannot tell it from a previous life.
const held: Set<string> = ((globalThis as { __aiosHeldLocks?: Set<string> }).__aiosHeldLocks ??=
  new Set());

/** Takes the lock or throws DirLockedError; returns the release function (idempotent). */
export function acquireDirLock(lockFile: string): () => void {
  if (held.has(lockFile)) throw new DirLockedError(lockFile, process.pid, hostname());
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const mine: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, "wx", 0o600);
      writeFileSync(fd, JSON.stringify(mine));
      closeSync(fd);
      held.add(lockFile);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(lockFile);
        process.off("exit", release);
        if (readLock(lockFile)?.info?.pid === process.pid) unlinkSync(lockFile);
      };
      process.on("exit", release); // also covers process.exit() from a framework's signal handler
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const current = readLock(lockFile);
    if (!current) continue;
    const { info } = current;
    if (info && info.host === mine.host && info.pid !== process.pid && isAlive(info.pid)) {
      throw new DirLockedError(lockFile, info.pid, info.host);
    }
    if (info && info.host !== mine.host) throw new DirLockedError(lockFile, info.pid, info.host);
    // Stale (dead owner, our own pid from a previous life, or garbage): remove only if unchanged.
    if (readLock(lockFile)?.raw === current.raw) unlinkSync(lockFile);
  }
  throw new Error(`could not take the lock ${lockFile}`);
}
