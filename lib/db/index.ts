import "server-only";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, type DatabaseHandle, type Db } from "@/db/client";
import { acquireDirLock, DirLockedError } from "@/db/dir-lock";
import { getEnv, type Env } from "../env";
import { logger } from "../log";
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
export async function openDatabase(env: Env): Promise<DatabaseHandle> {
  if (env.databaseUrl) {
    const handle = openPostgres({
      url: env.databaseUrl,
      poolMax: env.db.poolMax,
      idleTimeoutSeconds: env.db.idleTimeoutSeconds,
      maxLifetimeSeconds: env.db.maxLifetimeSeconds,
      connectTimeoutSeconds: env.db.connectTimeoutSeconds,
      onNotice: (message) => logger().debug({ notice: message }, "postgres notice"),
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
    const stopMaintenance = startEmbeddedMaintenance(handle.db);
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

// One handle per process, kept on globalThis so a hot-reloaded module does not open a second one.
interface DbState {
  handle?: Promise<DatabaseHandle>;
  override?: Db;
}
const state: DbState = ((globalThis as { __aiosDb?: DbState }).__aiosDb ??= {});

/** The process's database handle, opened on first use; a failed open is retried on the next call. */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!state.handle) {
    const opening = openDatabase(getEnv());
    state.handle = opening;
    opening.catch(() => {
      if (state.handle === opening) state.handle = undefined;
    });
  }
  return state.handle;
}

export async function getDb(): Promise<Db> {
  return state.override ?? (await getDatabase()).db;
}

/** Integration tests route in-process handlers to their per-test transaction through this. */
export function setDbOverride(db: Db | undefined): void {
  state.override = db;
}

/** Warms DB_POOL_MIN connections (PostgreSQL) or opens and migrates the embedded database. */
export async function warmUpDatabase(env: Env = getEnv()): Promise<DatabaseHandle> {
  const handle = await getDatabase();
  const n = handle.driver === "postgres" ? env.db.poolMin : 1;
  await Promise.all(Array.from({ length: n }, () => handle.db.execute(sql`select 1`)));
  return handle;
}

export async function closeDatabase(): Promise<void> {
  const opening = state.handle;
  state.handle = undefined;
  if (!opening) return;
  const handle = await opening.catch(() => undefined);
  await handle?.close();
}
