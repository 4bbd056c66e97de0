import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { afterAll, inject, test as base } from "vitest";
import { openPglite, openPostgres, type DatabaseHandle, type Db } from "@/db/client";
import { ANONYMOUS, type Actor, type Ctx, type UserActor } from "@/lib/context";
import { fixedDatabase, MIGRATIONS_FOLDER } from "@/lib/db";
import { generateSecretKey } from "@/lib/config/dev-secret";
import { parseEnv } from "@/lib/env";
import { createLogger } from "@/lib/log";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { advanceRun } from "@/lib/workflows/runtime/advance";
import {
  createCtx,
  createServices,
  installServices,
  type ServiceParts,
  type Services,
} from "@/lib/services";

/**
 * The integration-test database of this test file: the run's throwaway PostgreSQL database when
 * TEST_DATABASE_URL is set, else a PGlite loaded from the migrated snapshot (see global-setup.ts).
 */
let handle: Promise<DatabaseHandle> | undefined;

export function testDatabase(): Promise<DatabaseHandle> {
  handle ??= (async () => {
    const url = inject("testDatabaseUrl");
    if (url)
      return openPostgres({
        url,
        poolMax: 4,
        idleTimeoutSeconds: 5,
        maxLifetimeSeconds: 0,
        connectTimeoutSeconds: 10,
        // A loaded CI machine may take a while to answer: only a real outage counts as one.
        unreachableAfterMs: 5000,
        onNotice: () => {},
      });
    const snapshot = await readFile(inject("pgliteSnapshot"));
    return openPglite({ loadDataDir: new Blob([snapshot]) });
  })();
  return handle;
}

afterAll(async () => {
  if (handle) await (await handle).close();
  handle = undefined;
});

/**
 * The configuration tests run with: ENVIRONMENT=test, cheap bcrypt (cost 4) so suites stay fast,
 * and one session key per test file (as one server process has one).
 */
export const TEST_VARS = {
  ENVIRONMENT: "test",
  PASSWORD_HASH_COST: "4",
  DATA_DIR: process.env.DATA_DIR,
  SECRET_KEY: generateSecretKey(64),
};
export const testEnv = parseEnv(TEST_VARS);

/** One log and one in-process limiter per test file: counts carry across the file's tests, as in a server. */
export const testLog = createLogger(process.env.LOG_LEVEL ?? "silent");
const fileLimiter = createMemoryRateLimiter();

/** Services of a test: its transaction as the database, the file's limiter; everything else built from `env`. */
export function testServices(db: Db, parts: Partial<ServiceParts> = {}): Services {
  // Workflow runs started through these services advance at once, in the test's transaction
  // (the job queue cannot see uncommitted rows); wake-ups for later are not taken.
  const inline = {
    deps: () => ({ ...built.workflows.deps(db), enqueue: async () => {} }),
    enqueue: async (runId: string, at?: Date) => {
      if (!at) await advanceRun(inline.deps(), runId);
    },
    advance: (runId: string) => advanceRun(inline.deps(), runId),
  };
  const built: Services = createServices({
    workflowQueue: inline,
    env: testEnv,
    log: testLog,
    database: fixedDatabase({
      driver: inject("testDatabaseUrl") ? "postgres" : "pglite",
      db,
      migrate: async () => {},
      // A test's transaction is never committed, so nothing would ever be notified: the change
      // feed stays down and the in-memory caches keep nothing (every call reads the transaction).
      listen: async () => async () => {},
      close: async () => {},
      // Raw statements (the job queue) run in the test's transaction too.
      executeSql: async (text, values) => {
        const { sql } = await import("drizzle-orm");
        const { queryRows } = await import("@/lib/db");
        if (values?.length)
          throw new Error("parameterized raw SQL in a test transaction: use a real handle");
        return { rows: await queryRows(db, sql.raw(text)) };
      },
    }),
    limiter: fileLimiter,
    ...parts,
  });
  return built;
}

let current: Services | undefined;

/** Makes `services` the ones route handlers (getServices) and the ctx helpers below use. */
export function useTestServices(services: Services | undefined): void {
  current = services;
  installServices(services);
}

function currentServices(): Services {
  if (!current) throw new Error("no test services: use dbTest (or useTestServices) first");
  return current;
}

/** A ctx from the test's services; `db` may be narrower (a transaction inside the test's). */
export async function makeCtx(db: Db, actor: Actor = ANONYMOUS): Promise<Ctx> {
  const ctx = await createCtx(currentServices(), {
    actor,
    requestId: "test-request",
    client: { ip: "203.0.113.9", userAgent: "vitest" },
  });
  return { ...ctx, db };
}

class Rollback extends Error {}

/**
 * `dbTest` gives each test a transaction that is rolled back afterwards, and services built on
 * it (installed as the process's), so route handlers called in-process see (and lose) the same
 * writes. The services close before the rollback: rows still queued in the cost ledger land in
 * the transaction, never in the next test's.
 */
export const dbTest = base.extend<{ db: Db; services: Services; ctx: Ctx }>({
  db: [
    async ({}, use) => {
      const { db } = await testDatabase();
      try {
        await db.transaction(async (tx) => {
          await use(tx);
          throw new Rollback();
        });
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
      }
    },
    // auto: every dbTest runs in its own rolled-back transaction, even one that never names `db`.
    { auto: true },
  ],
  services: [
    async ({ db }, use) => {
      const services = testServices(db);
      useTestServices(services);
      try {
        await use(services);
      } finally {
        await services.close();
        useTestServices(undefined);
      }
    },
    { auto: true },
  ],
  ctx: async ({ db, services }, use) => {
    void services;
    await use(await makeCtx(db));
  },
});

/** Inserts a user and returns a ctx acting as them (session-like: every scope). */
export async function userCtx(
  db: Db,
  opts: { role?: "admin" | "member"; scopes?: ("read" | "write" | "admin")[]; email?: string } = {},
): Promise<Ctx & { actor: UserActor }> {
  const { users } = await import("@/db/schema");
  const email = opts.email ?? `u-${Math.random().toString(36).slice(2)}@example.com`;
  const [u] = await db
    .insert(users)
    .values({ email, passwordHash: "x", role: opts.role ?? "member" })
    .returning();
  const actor: UserActor = {
    kind: "user",
    userId: u!.id,
    email,
    role: u!.role,
    tier: u!.tier,
    via: "session",
    scopes: opts.scopes ?? ["read", "write", "admin"],
  };
  return { ...(await makeCtx(db, actor)), actor };
}

/**
 * A database of the test file's own, where writes are committed (for what only commits show:
 * LISTEN/NOTIFY, several connections). On PostgreSQL a fresh migrated database on the test
 * server, dropped by `close`; on PGlite a new instance from the migrated snapshot. Never the
 * shared test database: committed rows there would leak into other files' transactions.
 */
export async function committedDatabase(): Promise<DatabaseHandle> {
  const url = inject("testDatabaseUrl");
  if (!url) {
    const snapshot = await readFile(inject("pgliteSnapshot"));
    return openPglite({ loadDataDir: new Blob([snapshot]) });
  }
  const name = `aios_commit_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const handle = openPostgres({
    url: own.toString(),
    poolMax: 4,
    idleTimeoutSeconds: 5,
    maxLifetimeSeconds: 0,
    connectTimeoutSeconds: 10,
    unreachableAfterMs: 5000,
    onNotice: () => {},
  });
  await handle.migrate(MIGRATIONS_FOLDER);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
