import { readFile } from "node:fs/promises";
import { afterAll, inject, test as base } from "vitest";
import { openPglite, openPostgres, type DatabaseHandle, type Db } from "@/db/client";
import { ANONYMOUS, type Actor, type Ctx } from "@/lib/context";
import { setDbOverride } from "@/lib/db";
import { parseEnv, type Env } from "@/lib/env";
import { logger } from "@/lib/log";

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

/** The configuration tests run with: ENVIRONMENT=test, cheap bcrypt (cost 4) so suites stay fast. */
export const testEnv = parseEnv({
  ENVIRONMENT: "test",
  PASSWORD_HASH_COST: "4",
  DATA_DIR: process.env.DATA_DIR,
});

export function makeCtx(db: Db, actor: Actor = ANONYMOUS, env: Env = testEnv): Ctx {
  return {
    actor,
    db,
    env,
    requestId: "test-request",
    now: () => new Date(),
    log: logger(),
    client: { ip: "203.0.113.9", userAgent: "vitest" },
  };
}

class Rollback extends Error {}

/**
 * `dbTest` gives each test a transaction that is rolled back afterwards, and points the app's
 * own `getDb()` at it, so route handlers called in-process see (and lose) the same writes.
 */
export const dbTest = base.extend<{ db: Db; ctx: Ctx }>({
  db: [
    async ({}, use) => {
      const { db } = await testDatabase();
      try {
        await db.transaction(async (tx) => {
          setDbOverride(tx);
          try {
            await use(tx);
          } finally {
            setDbOverride(undefined);
          }
          throw new Rollback();
        });
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
      }
    },
    // auto: every dbTest runs in its own rolled-back transaction, even one that never names `db`.
    { auto: true },
  ],
  ctx: async ({ db }, use) => {
    await use(makeCtx(db));
  },
});

/** Inserts a user and returns a ctx acting as them (session-like: every scope). */
export async function userCtx(
  db: Db,
  opts: { role?: "admin" | "member"; scopes?: ("read" | "write" | "admin")[]; email?: string } = {},
): Promise<Ctx & { actor: Extract<Actor, { kind: "user" }> }> {
  const { users } = await import("@/db/schema");
  const email = opts.email ?? `u-${Math.random().toString(36).slice(2)}@example.com`;
  const [u] = await db
    .insert(users)
    .values({ email, passwordHash: "x", role: opts.role ?? "member" })
    .returning();
  const actor = {
    kind: "user" as const,
    userId: u!.id,
    email,
    role: u!.role,
    tier: u!.tier,
    via: "session" as const,
    scopes: opts.scopes ?? ["read", "write", "admin"],
  };
  return { ...makeCtx(db, actor), actor };
}
