import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os, { hostname } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDirLock, DirLockedError } from "@/db/dir-lock";

const tmpLock = () => path.join(mkdtempSync(path.join(os.tmpdir(), "aios-lock-")), "pg.lock");

/** A pid that existed and is gone now. */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString(),
  );
}

describe("acquireDirLock", () => {
  it("takes, refuses a second holder in the same process, and releases", () => {
    const file = tmpLock();
    const release = acquireDirLock(file);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      pid: process.pid,
      host: hostname(),
    });
    expect(() => acquireDirLock(file)).toThrow(DirLockedError);
    release();
    expect(existsSync(file)).toBe(false);
    release(); // idempotent
    acquireDirLock(file)();
  });

  it("refuses while another live process holds it", () => {
    const file = tmpLock();
    writeFileSync(file, JSON.stringify({ pid: process.ppid, host: hostname(), since: "x" }));
    const err = (() => {
      try {
        acquireDirLock(file);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DirLockedError);
    expect((err as DirLockedError).ownerPid).toBe(process.ppid);
  });

  it("replaces the stale lock of a dead process at once", () => {
    const file = tmpLock();
    writeFileSync(file, JSON.stringify({ pid: deadPid(), host: hostname(), since: "x" }));
    const release = acquireDirLock(file);
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
    release();
  });

  it("replaces a half-written lock file", () => {
    const file = tmpLock();
    writeFileSync(file, '{"pid": 12');
    acquireDirLock(file)();
  });
});
