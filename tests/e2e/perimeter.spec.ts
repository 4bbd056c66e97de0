import { mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startNext, waitForHttp, type NextProcess } from "./helpers/next-server";

// Production servers of their own (fixed ports 3250–3251), started through the server entry as
// `npm start` runs them: what a client connecting straight to them can and cannot forge.
const STRONG = "Qm8#vT2$kL9@pX4&wZ7!rN3^bH6*cJ1%fD5(gS0)yA2-eU8+iO4=uP7~tR3?lK9z";
const PASSWORD = "a long and unusual passphrase 42";
const LIMIT = 3;

function production(port: number, extra: Record<string, string> = {}) {
  return startNext(port, {
    ENVIRONMENT: "production",
    SECRET_KEY: STRONG,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "aios-e2e-perimeter-")),
    RATE_LIMIT_AUTH_PER_MINUTE: String(LIMIT),
    PASSWORD_HASH_COST: "12",
    LOG_LEVEL: "warn",
    ...extra,
  });
}

let n = 0;
/** Registers a new account, claiming to come from `forwardedFor`; returns the status. */
async function register(base: string, forwardedFor: string, origin = base) {
  const res = await fetch(`${base}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email: `p${++n}-${Date.now()}@example.com`, password: PASSWORD }),
  });
  return res.status;
}

test.describe.configure({ mode: "serial" });

test.describe("a server with no trusted proxy", () => {
  let server: NextProcess;
  const base = "http://127.0.0.1:3250";
  test.beforeAll(async () => {
    server = production(3250);
    await waitForHttp(server, `${base}/api/monitoring/health`);
  });
  test.afterAll(() => server.stop());

  test("a forged X-Forwarded-For does not reset the per-IP sign-up limit", async () => {
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push(await register(base, `198.51.100.${i + 1}`));
    expect(statuses).toEqual([...Array(LIMIT).fill(201), 429]);
  });

  test("a forged X-Forwarded-Host does not make a foreign Origin look like ours", async () => {
    const res = await fetch(`${base}/api/auth/logout`, {
      method: "POST",
      headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
    });
    expect([res.status, (await res.json()).error.code]).toEqual([403, "forbidden"]);
  });

  test("what Next.js answers on its own carries the security headers too", async () => {
    const expectHeaders = (res: Response) => {
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security")).toContain("max-age=");
    };
    const slash = await fetch(`${base}/login/`, { redirect: "manual" });
    expect([slash.status, slash.headers.get("location")]).toEqual([308, "/login"]);
    expectHeaders(slash);
    for (const p of ["/api/projects/%ED%A0%80", "/projects/%ED%A0%80"]) {
      const res = await fetch(`${base}${p}`, { redirect: "manual" });
      expect([p, res.status]).toEqual([p, 400]);
      expectHeaders(res);
    }
    const api = await fetch(`${base}/api/projects/%ED%A0%80`);
    expect((await api.json()).error.code).toBe("bad_request");
  });

  test("methods Next.js cannot answer are a 405 with the headers, not its 500", async () => {
    // fetch refuses to send TRACE: a raw request, as any client can send (Node itself answers 400
    // to a method it does not know, such as TRACK).
    const raw = (method: string, p: string) =>
      new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const req = http.request(`${base}${p}`, { method }, (res) => {
          res.resume();
          resolve({ status: res.statusCode!, headers: res.headers });
        });
        req.on("error", reject).end();
      });
    for (const [method, p] of [
      ["TRACE", "/login"],
      ["TRACE", "/api/projects"],
      ["POST", "/robots.txt"],
      ["DELETE", "/robots.txt"],
    ]) {
      const res = await raw(method!, p!);
      expect([method, p, res.status]).toEqual([method, p, 405]);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    }
    expect((await raw("GET", "/robots.txt")).status).toBe(200);
    const slash = await fetch(`${base}/api/projects/`, { redirect: "manual" });
    expect(slash.status).toBe(308);
    expect(slash.headers.get("vary")).toContain("Origin");
  });

  test("every API answer varies on Origin, allowed or not", async () => {
    for (const origin of [undefined, "https://evil.example"]) {
      const res = await fetch(`${base}/api/projects`, { headers: origin ? { origin } : {} });
      const vary = res.headers.get("vary")?.split(/,\s*/);
      expect([origin, res.status, vary?.includes("Origin")]).toEqual([origin, 401, true]);
    }
  });
});

test.describe("a server behind a trusted proxy", () => {
  let server: NextProcess;
  const base = "http://127.0.0.1:3251";
  test.beforeAll(async () => {
    server = production(3251, { TRUSTED_PROXIES: "127.0.0.1" });
    await waitForHttp(server, `${base}/api/monitoring/health`);
  });
  test.afterAll(() => server.stop());

  test("the client is the hop the proxy saw: what the client wrote before it changes nothing", async () => {
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++)
      statuses.push(await register(base, `198.51.100.${i + 1}, 203.0.113.7`));
    expect(statuses).toEqual([...Array(LIMIT).fill(201), 429]);
    // Another client of the same proxy has a budget of its own.
    expect(await register(base, "203.0.113.8")).toBe(201);
  });
});
