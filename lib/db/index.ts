import "server-only";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, type DatabaseHandle, type Db } from "@/db/client";
import { acquireDirLock, DirLockedError } from "@/db/dir-lock";
import type { Env } from "../env";
import type { Logger } from "../log";
import { startEmbeddedMaintenance } from "./maintenance";

export type { Db, DatabaseHandle };
export { queryRows } from "./rows";

/** The committed migrations; the same folder serves PostgreSQL and the embedded database. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dir: string, pid: number, host: string) {
    super(
      `The embedded database in ${dir} is already open in another process (pid ${pid} on ${host}). ` +
        "Only one process may own it, or writes are lost: stop the other process (for example a second " +
        "`npm run dev`), point DATA_DIR at another folder, or set DATABASE_URL to a PostgreSQL server that " +
        "several processes can share.",
    );
    this.name = "EmbeddedDatabaseLockedError";
  }
}

/**
 * Opens the configured database: PostgreSQL through postgres.js when DATABASE_URL is set
 * (migrated by `npm run db:migrate`), else PGlite under DATA_DIR/pg, locked to this process and
 * migrated on open. Called lazily, never at import: `next build` workers import every module.
 */
export async function openDatabase(env: Env, log: Logger): Promise<DatabaseHandle> {
  if (env.databaseUrl) {
    const handle = openPostgres({
      url: env.databaseUrl,
      poolMax: env.db.poolMax,
      idleTimeoutSeconds: env.db.idleTimeoutSeconds,
      maxLifetimeSeconds: env.db.maxLifetimeSeconds,
      connectTimeoutSeconds: env.db.connectTimeoutSeconds,
      statementTimeoutSeconds: env.db.statementTimeoutSeconds,
      unreachableAfterMs: env.db.unreachableAfterMs,
      onNotice: (message) => log.debug({ notice: message }, "postgres notice"),
      onReachability: (state, { err, downForMs }) =>
        state === "down"
          ? log.error({ err }, "database unreachable; database calls fail at once with 503")
          : log.warn({ downForMs }, "database reachable again"),
    });
    return handle;
  }
  const dir = path.join(env.dataDir, "pg");
  let release: () => void;
  try {
    release = acquireDirLock(`${dir}.lock`);
  } catch (err) {
    if (err instanceof DirLockedError)
      throw new EmbeddedDatabaseLockedError(dir, err.ownerPid, err.ownerHost);
    throw err;
  }
  try {
    const handle = await openPglite({ dataDir: dir });
    await handle.migrate(MIGRATIONS_FOLDER);
    const stopMaintenance = startEmbeddedMaintenance(handle.db, log);
    return {
      ...handle,
      close: async () => {
        try {
          await stopMaintenance();
          await handle.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * The database as the composition root holds it: opened on first use (never at import: `next
 * build` workers import every module), a failed open retried on the next call, closed once.
 */
export interface DatabaseProvider {
  handle(): Promise<DatabaseHandle>;
  db(): Promise<Db>;
  close(): Promise<void>;
}

export function lazyDatabase(open: () => Promise<DatabaseHandle>): DatabaseProvider {
  let opening: Promise<DatabaseHandle> | undefined;
  const handle = () => {
    if (!opening) {
      const attempt = open();
      opening = attempt;
      attempt.catch(() => {
        if (opening === attempt) opening = undefined;
      });
    }
    return opening;
  };
  return {
    handle,
    db: async () => (await handle()).db,
    close: async () => {
      const current = opening;
      opening = undefined;
      if (!current) return;
      const h = await current.catch(() => undefined);
      await h?.close();
    },
  };
}

/** Warms DB_POOL_MIN connections (PostgreSQL) or opens and migrates the embedded database. */
export async function warmUpDatabase(
  database: DatabaseProvider,
  env: Env,
): Promise<DatabaseHandle> {
  const handle = await database.handle();
  const n = handle.driver === "postgres" ? env.db.poolMin : 1;
  await Promise.all(Array.from({ length: n }, () => handle.db.execute(sql`select 1`)));
  return handle;
}

/** A provider over a handle someone else opened and closes (scripts, tests, a transaction). */
export function fixedDatabase(handle: DatabaseHandle): DatabaseProvider {
  return { handle: async () => handle, db: async () => handle.db, close: async () => {} };
}
