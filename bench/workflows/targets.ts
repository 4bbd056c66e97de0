// bench:workflows's databases, opened as the app opens them (lib/db openDatabase): PGlite under a
// throwaway DATA_DIR, or a throwaway database `aios_bench_wf_<pid>` on the given PostgreSQL
// server, migrated, and dropped afterwards (the server's other databases are never touched).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseHandle } from "../../lib/db";
import { parseEnv, type Env } from "../../lib/env";
import { createLogger } from "../../lib/log";

export interface Target {
  label: string;
  handle: DatabaseHandle;
  /** The configuration of this target with the given worker concurrency. */
  env(concurrency: number): Env;
  dispose(): Promise<void>;
}

const vars = (dataDir: string, concurrency: number, databaseUrl?: string) => ({
  ENVIRONMENT: "test",
  LOG_LEVEL: "silent",
  DATA_DIR: dataDir,
  WORKFLOW_CONCURRENCY: String(concurrency),
  // The bench's runs are all in one project: the in-flight cap must not refuse them.
  WORKFLOW_MAX_RUNS_IN_FLIGHT: "100000",
  ...(databaseUrl && { DATABASE_URL: databaseUrl }),
});

export async function openTarget(kind: "pglite" | "postgres", adminUrl: string): Promise<Target> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "aios-bench-wf-"));
  const log = createLogger("silent");
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (kind === "pglite") {
    const handle = await openDatabase(parseEnv(vars(dir, 4)), log);
    return {
      label: "PGlite (embedded, on disk)",
      handle,
      env: (c) => parseEnv(vars(dir, c)),
      dispose: async () => {
        await handle.close();
        removeDir();
      },
    };
  }
  const name = `aios_bench_wf_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    removeDir();
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const handle = await openDatabase(parseEnv(vars(dir, 4, url.toString())), log);
    await handle.migrate(MIGRATIONS_FOLDER);
    const version = (await admin`show server_version`)[0]!.server_version as string;
    return {
      label: `PostgreSQL ${version.split(" ")[0]}`,
      handle,
      env: (c) => parseEnv(vars(dir, c, url.toString())),
      dispose: async () => {
        await handle.close();
        await drop();
      },
    };
  } catch (err) {
    await drop();
    throw err;
  }
}
