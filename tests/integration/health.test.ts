import { afterEach, describe, expect, inject, it } from "vitest";
import { GET } from "@/app/api/monitoring/health/route";
import { warmUpDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createLogger } from "@/lib/log";
import { createServices, installServices, type Services } from "@/lib/services";

/**
 * Calls the real route handler with the app's own database wiring (services built from an env,
 * lib/db opening the database), as the server would: the embedded database (or the CI
 * PostgreSQL server), then a closed port.
 */
function servicesFor(vars: Record<string, string>): Services {
  const services = createServices({
    env: parseEnv({ ENVIRONMENT: "test", DATA_DIR: process.env.DATA_DIR, ...vars }),
    log: createLogger("silent"),
  });
  installServices(services);
  return services;
}

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  installServices(undefined);
});

describe("GET /api/monitoring/health", () => {
  it("200 with the database check when the database answers", async () => {
    const url = inject("testDatabaseUrl");
    services = servicesFor(url ? { DATABASE_URL: url } : {});
    // As at server start (instrumentation.ts): opening a fresh embedded database (initdb +
    // migrations) can take longer than the probe's 2 s bound on a loaded machine.
    await warmUpDatabase(services.database, services.env);
    const res = await GET(new Request("http://localhost/api/monitoring/health"));
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
        cache: { status: "ok", quarantined: 0, corruptEntries: 0 },
        ledger: { status: "ok", pending: 0, dropped: 0, quarantined: 0, spilled: 0 },
      },
    });
  });

  it("503 when the database is unreachable (closed port), without leaking the address", async () => {
    services = servicesFor({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
      DB_CONNECT_TIMEOUT: "2",
    });
    const started = Date.now();
    const res = await GET(new Request("http://localhost/api/monitoring/health"));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "error",
      checks: {
        database: { status: "error", driver: "postgres", error: "unreachable" },
        cache: { status: "ok", quarantined: 0, corruptEntries: 0 },
        ledger: { status: "ok", pending: 0, dropped: 0, quarantined: 0, spilled: 0 },
      },
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
