import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { like } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { EmbeddedDatabaseLockedError, openDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createLogger } from "@/lib/log";
import { runTs, startTs, waitForLine } from "../helpers/spawn";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "aios-embedded-"));
const env = parseEnv({ DATA_DIR: dataDir, ENVIRONMENT: "test" });
const log = createLogger("silent");
const holder = startTs("tests/helpers/hold-embedded-db.ts", [dataDir], {});
let ownerPid = 0; // the node process that opened the database (tsx runs it as a child)
afterAll(() => {
  holder.kill("SIGKILL");
});

describe("embedded database (PGlite under DATA_DIR/pg)", () => {
  it("belongs to one process: a second one gets a clear error, not lost writes", async () => {
    const [, pid] = await waitForLine(holder, /ready (\d+)/);
    ownerPid = Number(pid);

    const opened = await openDatabase(env, log).then(
      () => null,
      (e: unknown) => e,
    );
    expect(opened).toBeInstanceOf(EmbeddedDatabaseLockedError);
    expect((opened as Error).message).toContain(`already open in another process (pid ${pid}`);
    expect((opened as Error).message).toMatch(/set DATABASE_URL/);

    const second = await runTs("tests/helpers/hold-embedded-db.ts", [dataDir], {});
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `The embedded database in ${path.join(dataDir, "pg")} is already open in another process (pid ${pid}`,
    );
  });

  it("after the owner dies, the next process takes over at once and finds the committed data", async () => {
    // A crash, not a clean close: the lock file stays behind with a dead pid in it.
    process.kill(ownerPid, "SIGKILL");
    await new Promise((r) => holder.once("close", r));
    const handle = await openDatabase(env, log);
    try {
      const rows = await handle.db
        .select({ email: users.email })
        .from(users)
        .where(like(users.email, "held-%"));
      expect(rows.map((r) => r.email)).toEqual([`held-${ownerPid}@example.com`]);
    } finally {
      await handle.close();
    }
    // Closing released the lock: it can be opened again.
    await (await openDatabase(env, log)).close();
  });
});

describe("embedded database maintenance (PGlite has no autovacuum)", () => {
  it("vacuums and analyzes the tables past autovacuum's thresholds, and only those", async () => {
    const { openPglite } = await import("@/db/client");
    const { runEmbeddedMaintenance } = await import("@/lib/db/maintenance");
    const { sql } = await import("drizzle-orm");
    const handle = await openPglite({});
    try {
      await handle.db.execute(sql`create table busy (id int primary key, v text)`);
      await handle.db.execute(sql`create table quiet (id int primary key)`);
      await handle.db.execute(sql`insert into busy select g, 'x' from generate_series(1, 3000) g`);
      await handle.db.execute(sql`insert into quiet values (1)`);
      // PGlite publishes its table counters at most once a second, like a server backend.
      await new Promise((r) => setTimeout(r, 1100));
      await handle.db.execute(sql`select 1`);
      expect(await runEmbeddedMaintenance(handle.db, log)).toEqual(["busy"]);
      const stats = await handle.client.query<{
        relname: string;
        last_vacuum: Date | null;
        last_analyze: Date | null;
      }>("select relname, last_vacuum, last_analyze from pg_stat_user_tables order by relname");
      expect(
        stats.rows.map((r) => [r.relname, r.last_vacuum !== null, r.last_analyze !== null]),
      ).toEqual([
        ["busy", true, true],
        ["quiet", false, false],
      ]);
      // The planner now knows the table's size.
      const [{ reltuples }] = (
        await handle.client.query<{ reltuples: number }>(
          "select reltuples from pg_class where relname = 'busy'",
        )
      ).rows as [{ reltuples: number }];
      expect(reltuples).toBe(3000);
      expect(await runEmbeddedMaintenance(handle.db, log)).toEqual([]);
      // Tables outside public (drizzle's own journal lives in the drizzle schema) are named with their schema.
      await handle.db.execute(sql`create schema side`);
      await handle.db.execute(sql`create table side.log (id int)`);
      await handle.db.execute(sql`insert into side.log select g from generate_series(1, 2000) g`);
      await new Promise((r) => setTimeout(r, 1100));
      await handle.db.execute(sql`select 1`);
      expect(await runEmbeddedMaintenance(handle.db, log)).toEqual(["side.log"]);
    } finally {
      await handle.close();
    }
  });
});
