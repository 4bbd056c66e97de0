import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { PostgresGuard, type Reachability } from "./guarded-postgres";
import { listenPostgres } from "./postgres-listen";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database or a transaction: both drivers share drizzle's pg-core API, so services take this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = "postgres" | "pglite";

export interface DatabaseHandle {
  driver: Driver;
  db: Db;
  /** Applies every migration in `folder` that has not run yet (idempotent). */
  migrate(folder: string): Promise<void>;
  /**
   * LISTENs on `channel`: `onMessage` gets each NOTIFY payload once its transaction commits;
   * `onConnect` runs on every (re)connect of the listening session and `onDisconnect` as soon as
   * it is lost, since notifications sent while it is away are lost. Resolves with the
   * unsubscribe function.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onConnect?: () => void,
    onDisconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * A raw statement with $1… parameters (the job queue's adapter: pg-boss sends its own SQL).
   * Parameterless text may hold several statements; the rows are the last one's.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** PostgreSQL: whether the database answered its last reachability check (guarded-postgres.ts). */
  reachability?: () => Reachability;
}

export interface PostgresOptions {
  url: string;
  poolMax: number;
  /** Seconds an idle connection is kept; 0 keeps it forever. */
  idleTimeoutSeconds: number;
  /** Seconds after which a connection is recycled; 0 means never. */
  maxLifetimeSeconds: number;
  connectTimeoutSeconds: number;
  /** Server notices (e.g. "relation already exists, skipping") go here instead of stdout. */
  onNotice?: (message: string) => void;
  /**
   * The server cancels a statement after this many seconds (statement_timeout); the client
   * gives every call (waiting for a connection included) one more second. Default 30; 0 sets
   * no limit (migrations: an index on a large table may take long). An unreachable database
   * is noticed either way.
   */
  statementTimeoutSeconds?: number;
  /** Milliseconds without an answer until the database counts as unreachable (guarded-postgres.ts). Default 1000. */
  unreachableAfterMs?: number;
  onReachability?: (state: Reachability, info: { err?: unknown; downForMs?: number }) => void;
}

export function openPostgres(
  opts: PostgresOptions,
): DatabaseHandle & { client: postgres.Sql; guard: PostgresGuard } {
  const statementSeconds = opts.statementTimeoutSeconds ?? 30;
  const unreachableAfterMs = opts.unreachableAfterMs ?? 1000;
  const onnotice = (n: postgres.Notice) => opts.onNotice?.(String(n.message));
  const guard = new PostgresGuard({
    open: () =>
      postgres(opts.url, {
        max: opts.poolMax,
        idle_timeout: opts.idleTimeoutSeconds || undefined,
        max_lifetime: opts.maxLifetimeSeconds || null,
        connect_timeout: opts.connectTimeoutSeconds,
        // TCP keepalive probes start after 5 s idle: the kernel notices a dead peer sooner.
        keep_alive: 5,
        connection: { statement_timeout: statementSeconds * 1000 },
        onnotice,
      }),
    probe: () =>
      postgres(opts.url, {
        max: 1,
        connect_timeout: Math.max(1, Math.ceil(unreachableAfterMs / 1000)),
        fetch_types: false,
        onnotice,
      }),
    deadlineMs: statementSeconds > 0 ? statementSeconds * 1000 + 1000 : Infinity,
    unreachableAfterMs,
    onDown: (err) => opts.onReachability?.("down", { err }),
    onUp: (downForMs) => opts.onReachability?.("up", { downForMs }),
  });
  const client = guard.client;
  const db = drizzlePostgres(client, { schema });
  return {
    driver: "postgres",
    db: db as unknown as Db,
    client,
    guard,
    reachability: () => guard.reachability,
    migrate: (folder) => migratePostgres(db, { migrationsFolder: folder }),
    // A dedicated LISTEN connection that says when it is lost (postgres.js's listen() does not).
    listen: (channel, onMessage, onConnect, onDisconnect) =>
      listenPostgres(opts, channel, { onMessage, onConnect, onDisconnect }),
    close: () => client.end({ timeout: 5 }),
    executeSql: async (text, values) => {
      if (values?.length) {
        // As node-postgres sends them (pg-boss is written for it): objects as JSON text,
        // undefined as null.
        const params = values.map((v) =>
          v === undefined
            ? null
            : v !== null &&
                typeof v === "object" &&
                !Array.isArray(v) &&
                !(v instanceof Date) &&
                !Buffer.isBuffer(v)
              ? JSON.stringify(v)
              : v,
        );
        return {
          rows: [...(await client.unsafe(text, params as postgres.ParameterOrJSON<never>[]))],
        };
      }
      // Parameterless text may be a whole transaction (BEGIN; …; COMMIT;), which postgres.js
      // only sends on a connection of its own. When a statement in it fails the server skips
      // the rest, COMMIT included: roll back before the connection goes back to the pool, or
      // every later query on it fails ("current transaction is aborted"). (A connection too
      // broken to roll back is one postgres.js replaces by itself.)
      const conn = await client.reserve();
      try {
        const rows = await conn.unsafe(text);
        return { rows: Array.isArray(rows) ? [...rows] : [] };
      } catch (err) {
        await conn.unsafe("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
  };
}

/**
 * Embedded PostgreSQL (WASM). `dataDir` persists to disk; omit it for an in-memory database,
 * or pass `loadDataDir` to start from a dump (tests reuse one migrated snapshot per file).
 */
export async function openPglite(opts: {
  dataDir?: string;
  loadDataDir?: Blob;
}): Promise<DatabaseHandle & { client: PGlite }> {
  const client = await PGlite.create(opts.dataDir, {
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(client, { schema });
  return {
    driver: "pglite",
    db: db as unknown as Db,
    client,
    migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
    // One session: its own NOTIFYs come back to it at commit.
    listen: async (channel, onMessage, onConnect) => {
      const unsub = await client.listen(channel, onMessage);
      onConnect?.();
      return () => unsub();
    },
    close: () => (client.closed ? Promise.resolve() : client.close()),
    // PGlite prepares parameterized statements, which may hold only one command.
    executeSql: async (text, values) => {
      if (values?.length) return { rows: (await client.query(text, values)).rows };
      // As on PostgreSQL: a failed BEGIN; …; COMMIT; text must not leave the one session of
      // the whole process inside an aborted transaction.
      try {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      } catch (err) {
        await client.exec("ROLLBACK").catch(() => undefined);
        throw err;
      }
    },
  };
}
