import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { createServices, installServices } from "@/lib/services";
import { TEST_VARS } from "../helpers/db";
import { encodeSession } from "@/lib/auth/session";
import { parseEnv, sessionSecret } from "@/lib/env";

// The request the page renders for: its cookies and headers, as next/headers gives them.
const request = { cookies: new Map<string, string>() };
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) =>
      request.cookies.has(name) ? { value: request.cookies.get(name) } : undefined,
  }),
  headers: async () => new Headers({ "x-request-id": "page-req-1", "user-agent": "vitest" }),
}));

/** Services whose database is down (every use fails), with a logger whose lines are kept. */
function servicesWithoutDatabase() {
  const lines: string[] = [];
  const log = pino(
    { level: "debug" },
    new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }),
  );
  let opened = 0;
  const down = async () => {
    opened++;
    throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
  };
  const services = createServices({
    env: parseEnv(TEST_VARS),
    log,
    limiter: createMemoryRateLimiter(),
    database: { handle: down, db: down, close: async () => {} },
  });
  installServices(services);
  return { services, lines, opened: () => opened };
}

afterEach(() => {
  request.cookies.clear();
  installServices(undefined);
});

describe("the page's caller", () => {
  it("without a session cookie is anonymous and never touches the database", async () => {
    const { services, lines, opened } = servicesWithoutDatabase();
    const { getPageActor } = await import("@/lib/auth/page-session");
    expect(await getPageActor()).toEqual({ kind: "anonymous" });
    expect(opened()).toBe(0);
    expect(lines.filter((l) => l.includes('"level":50'))).toEqual([]);
    await services.close();
  });

  it("with a session while the database is down is anonymous, and the fault is logged", async () => {
    const { services, lines, opened } = servicesWithoutDatabase();
    // A well-signed session, so its user has to be looked up (a forged one never gets that far).
    const token = await encodeSession(
      { sub: "00000000-0000-4000-8000-000000000001", tv: 0, sid: randomUUID() },
      { secret: sessionSecret(services.env), cookieName: "auth_token", maxAgeSeconds: 3600 },
    );
    request.cookies.set("auth_token", token);
    const { getPageActor } = await import("@/lib/auth/page-session");
    expect(await getPageActor()).toEqual({ kind: "anonymous" });
    expect(opened()).toBe(2); // the user's lookup, and the change feed trying to LISTEN
    expect(lines.some((l) => l.includes("page session check failed"))).toBe(true);
    await services.close();
  });
});
