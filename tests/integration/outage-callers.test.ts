import { afterEach, describe, expect, it } from "vitest";
import { GET as meGet } from "@/app/api/auth/me/route";
import { parseEnv } from "@/lib/env";
import { createLogger } from "@/lib/log";
import { createServices, installServices, type Services } from "@/lib/services";
import { call, randomIp } from "../helpers/http";

// A client whose API key cannot be checked because the database is away did nothing wrong: each
// retry is a 503 with Retry-After, never a 429 from the anonymous budget that bad keys spend
// (found by tests/e2e/ledger-durability.spec.ts: 2,008 of a restarted process's answers were 429).
let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  installServices(undefined);
});

describe("callers while the database is unreachable", () => {
  it("a well-formed API key that cannot be checked is a 503 every time, not a 429 once the anonymous budget is spent", async () => {
    services = createServices({
      env: parseEnv({
        ENVIRONMENT: "test",
        DATA_DIR: process.env.DATA_DIR,
        DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
        DB_CONNECT_TIMEOUT: "2",
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: "3",
      }),
      log: createLogger("silent"),
    });
    installServices(services);
    const ip = randomIp();
    const headers = { authorization: `Bearer aios_${"k".repeat(43)}` };
    const answers = [];
    for (let i = 0; i < 6; i++) {
      const res = await call(meGet, "/api/auth/me", { headers, ip });
      answers.push({
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        body: await res.json(),
      });
    }
    const unavailable = {
      status: 503,
      retryAfter: "5",
      body: {
        error: {
          code: "unavailable",
          message: "The service is temporarily unavailable. Try again shortly.",
        },
      },
    };
    expect(answers).toEqual(Array.from({ length: 6 }, () => unavailable));
  });
});
