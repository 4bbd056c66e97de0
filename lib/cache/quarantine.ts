import "server-only";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/** Quarantined files kept next to the cache file; older ones are deleted. */
export const KEEP_QUARANTINED = 3;

/** SQLite's answer for a file that is not a database or whose pages are damaged. */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/** The file's inode now, to tell later whether the path still names the file that was opened. */
export function inodeOf(file: string): number | undefined {
  try {
    return statSync(file).ino;
  } catch {
    return undefined; // missing, or its directory cannot be reached: nothing to compare
  }
}

/**
 * Renames a corrupt cache file aside as `<file>.corrupt-<timestamp>`, drops its shared-memory
 * index and keeps only the newest KEEP_QUARANTINED. Closing the connection normally removes the
 * WAL first; one still there (another connection held the file) goes aside too, as `…-wal`:
 * SQLite would replay it into the fresh file. Returns the new path, or
 * undefined when the path no longer names the file that was found corrupt (`inode`): another
 * process got there first and the file there now is not this one to move.
 */
export function quarantineFile(file: string, now: Date, inode?: number): string | undefined {
  const current = inodeOf(file);
  if (current === undefined || (inode !== undefined && current !== inode)) return undefined;
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 2; existsSync(target); n++) target = `${file}.corrupt-${stamp}-${n}`;
  renameSync(file, target);
  if (existsSync(`${file}-wal`)) renameSync(`${file}-wal`, `${target}-wal`);
  rmSync(`${file}-shm`, { force: true });
  prune(file);
  return target;
}

/** Deletes all but the newest KEEP_QUARANTINED quarantined files (by the timestamp in the name). */
function prune(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.corrupt-`;
  const quarantined = readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && !n.endsWith("-wal"))
    .sort();
  for (const name of quarantined.slice(0, -KEEP_QUARANTINED)) {
    rmSync(path.join(dir, name), { force: true });
    rmSync(path.join(dir, `${name}-wal`), { force: true });
  }
}
