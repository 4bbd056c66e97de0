import { afterEach, describe, expect, inject, it, vi } from "vitest";

/**
 * Calls the real route handler with the app's own database wiring (lib/env → lib/db), as the
 * server would: the embedded database (or the CI PostgreSQL server), then a closed port.
 */
async function freshHealthRoute(env: Record<string, string>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const db = await import("@/lib/db");
  await db.closeDatabase();
  return {
    ...(await import("@/app/api/monitoring/health/route")),
    closeDatabase: db.closeDatabase,
    warmUp: db.warmUpDatabase,
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  vi.unstubAllEnvs();
});

describe("GET /api/monitoring/health", () => {
  it("200 with the database check when the database answers", async () => {
    const url = inject("testDatabaseUrl");
    const route = await freshHealthRoute(url ? { DATABASE_URL: url } : {});
    close = route.closeDatabase;
    // As at server start (instrumentation.ts): opening a fresh embedded database (initdb +
    // migrations) can take longer than the probe's 2 s bound on a loaded machine.
    await route.warmUp();
    const res = await route.GET(new Request("http://localhost/api/monitoring/health"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      status: "ok",
      checks: {
        database: {
          status: "ok",
          driver: url ? "postgres" : "pglite",
          latencyMs: expect.any(Number),
        },
        cache: { status: "ok" },
      },
    });
  });

  it("503 when the database is unreachable (closed port), without leaking the address", async () => {
    const route = await freshHealthRoute({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
      DB_CONNECT_TIMEOUT: "2",
    });
    close = route.closeDatabase;
    const started = Date.now();
    const res = await route.GET(new Request("http://localhost/api/monitoring/health"));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "error",
      checks: {
        database: { status: "error", driver: "postgres", error: "unreachable" },
        cache: { status: "ok" },
      },
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
