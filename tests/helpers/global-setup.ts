import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../db/client";

const MIGRATIONS = path.join(import.meta.dirname, "../../drizzle");

declare module "vitest" {
  export interface ProvidedContext {
    /** Set when TEST_DATABASE_URL is: a throwaway database on that server, migrated. */
    testDatabaseUrl: string;
    /** Otherwise: a migrated PGlite data directory dump that each test file loads. */
    pgliteSnapshot: string;
  }
}

/**
 * Migrates once per run. With TEST_DATABASE_URL (a server and a database to connect to for admin
 * work) a throwaway database is created, migrated, and dropped at the end; without it a fresh
 * PGlite is migrated and dumped, so each test file starts from the snapshot instead of initdb.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `aios_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = openPostgres({
      url: url.toString(),
      poolMax: 1,
      idleTimeoutSeconds: 1,
      maxLifetimeSeconds: 0,
      connectTimeoutSeconds: 10,
      onNotice: () => {},
    });
    await handle.migrate(MIGRATIONS);
    await handle.close();
    project.provide("testDatabaseUrl", url.toString());
    project.provide("pgliteSnapshot", "");
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "aios-test-"));
  const handle = await openPglite({});
  await handle.migrate(MIGRATIONS);
  const dump = await handle.client.dumpDataDir("none");
  const file = path.join(dir, "migrated.tar");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("testDatabaseUrl", "");
  project.provide("pgliteSnapshot", file);
  return () => rm(dir, { recursive: true, force: true });
}
