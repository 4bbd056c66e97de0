import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { like } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { EmbeddedDatabaseLockedError, openDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { runTs, startTs, waitForLine } from "../helpers/spawn";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "aios-embedded-"));
const env = parseEnv({ DATA_DIR: dataDir, ENVIRONMENT: "test" });
const holder = startTs("tests/helpers/hold-embedded-db.ts", [dataDir], {});
let ownerPid = 0; // the node process that opened the database (tsx runs it as a child)
afterAll(() => {
  holder.kill("SIGKILL");
});

describe("embedded database (PGlite under DATA_DIR/pg)", () => {
  it("belongs to one process: a second one gets a clear error, not lost writes", async () => {
    const [, pid] = await waitForLine(holder, /ready (\d+)/);
    ownerPid = Number(pid);

    const opened = await openDatabase(env).then(
      () => null,
      (e: unknown) => e,
    );
    expect(opened).toBeInstanceOf(EmbeddedDatabaseLockedError);
    expect((opened as Error).message).toContain(`already open in another process (pid ${pid}`);
    expect((opened as Error).message).toMatch(/set DATABASE_URL/);

    const second = await runTs("tests/helpers/hold-embedded-db.ts", [dataDir], {});
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`The embedded database in ${path.join(dataDir, "pg")} is already open in another process (pid ${pid}`);
  });

  it("after the owner dies, the next process takes over at once and finds the committed data", async () => {
    // A crash, not a clean close: the lock file stays behind with a dead pid in it.
    process.kill(ownerPid, "SIGKILL");
    await new Promise((r) => holder.once("close", r));
    const handle = await openDatabase(env);
    try {
      const rows = await handle.db.select({ email: users.email }).from(users).where(like(users.email, "held-%"));
      expect(rows.map((r) => r.email)).toEqual([`held-${ownerPid}@example.com`]);
    } finally {
      await handle.close();
    }
    // Closing released the lock: it can be opened again.
    await (await openDatabase(env)).close();
  });
});
