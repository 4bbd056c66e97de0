import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

// proxy.ts reads the validated env once: give it an allowlist before it is imported.
let proxy: typeof import("@/proxy").proxy;
beforeAll(async () => {
  vi.resetModules();
  vi.stubEnv("CORS_ORIGINS", "https://app.example.com");
  ({ proxy } = await import("@/proxy"));
});

const req = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: init.headers,
  });

describe("CORS", () => {
  it("echoes an allowed origin with credentials", () => {
    const res = proxy(req("/api/auth/csrf", { headers: { origin: "https://app.example.com" } }));
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("vary")).toContain("Origin");
  });

  it("never reflects a foreign origin", () => {
    const res = proxy(req("/api/auth/csrf", { headers: { origin: "https://evil.example" } }));
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("answers an allowed preflight, refuses a foreign one", () => {
    const preflight = (origin: string) =>
      proxy(
        req("/api/keys", {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
          },
        }),
      );
    const ok = preflight("https://app.example.com");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
    expect(ok.headers.get("access-control-allow-headers")).toContain("authorization");
    const foreign = preflight("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("optimistic gate", () => {
  it("anonymous API calls get 401 JSON", async () => {
    const res = proxy(req("/api/keys"));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("public API routes pass", () => {
    expect(proxy(req("/api/monitoring/health")).status).toBe(200);
    expect(proxy(req("/api/auth/csrf")).status).toBe(200);
  });

  it("routes that check their own secret pass without a session (a webhook signs its body)", () => {
    const webhook = "/api/workflows/3f6c1b7e-8d2a-4c1e-9b0f-2a7d5e4c1b9a/webhook";
    expect(proxy(req(webhook, { method: "POST" })).status).toBe(200);
    expect(proxy(req("/api/workflows/cron")).status).toBe(200);
    // Only those paths: the workflow itself, its runs and anything under the webhook still need one.
    for (const path of [
      "/api/workflows/3f6c1b7e-8d2a-4c1e-9b0f-2a7d5e4c1b9a",
      "/api/workflows/3f6c1b7e-8d2a-4c1e-9b0f-2a7d5e4c1b9a/runs",
      `${webhook}/extra`,
      "/api/workflows/cron/x",
      "/api/workflows",
    ])
      expect(proxy(req(path)).status).toBe(401);
  });

  it("anonymous page visits go to /login with the page to return to", () => {
    const res = proxy(req("/admin?tab=audit"));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://localhost/login?next=%2Fadmin%3Ftab%3Daudit");
    expect(proxy(req("/login")).status).toBe(200);
  });

  it("a session cookie or a bearer key lets the request through to the real checks", () => {
    expect(proxy(req("/api/keys", { headers: { cookie: "auth_token=x" } })).status).toBe(200);
    expect(proxy(req("/api/keys", { headers: { authorization: "Bearer x" } })).status).toBe(200);
  });
});

describe("security headers", () => {
  it("are on every response: pages, redirects, 401s, unknown paths", () => {
    for (const res of [
      proxy(req("/no/such/page", { headers: { cookie: "auth_token=x" } })),
      proxy(req("/admin")),
      proxy(req("/api/nope")),
    ]) {
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("strict-transport-security")).toBeNull(); // production only
    }
  });

  it("use a fresh nonce per request and pass it to Next.js", () => {
    const a = proxy(req("/login")).headers.get("content-security-policy");
    const b = proxy(req("/login")).headers.get("content-security-policy");
    expect(a).not.toBe(b);
    expect(proxy(req("/login")).headers.get("x-middleware-request-x-nonce")).toMatch(
      /^[A-Za-z0-9+/=]+$/,
    );
  });
});

describe("production", () => {
  it("adds HSTS and upgrade-insecure-requests", async () => {
    vi.resetModules();
    vi.stubEnv("ENVIRONMENT", "production");
    vi.stubEnv("SECRET_KEY", "Qm8#vT2$kL9@pX4&wZ7!rN3^bH6*cJ1%fD5(gS0)yA2-eU8+iO4=uP7~tR3?lK9z");
    vi.stubEnv("PASSWORD_HASH_COST", "12");
    const prod = (await import("@/proxy")).proxy;
    const res = prod(new NextRequest("https://app.example.com/login"));
    expect(res.headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    // The production cookie name is what the gate looks for.
    expect(
      prod(
        new NextRequest("https://app.example.com/admin", {
          headers: { cookie: "__Host-auth_token=x" },
        }),
      ).status,
    ).toBe(200);
    expect(
      prod(
        new NextRequest("https://app.example.com/admin", { headers: { cookie: "auth_token=x" } }),
      ).status,
    ).toBe(307);
    vi.unstubAllEnvs();
  });
});

describe("page POSTs (server actions: sign-in, register)", () => {
  const post = (origin?: string) =>
    proxy(req("/login", { method: "POST", headers: origin ? { origin } : {} }));

  it("refuses a foreign Origin with a 403 before Next renders anything", async () => {
    const res = post("https://evil.example");
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("Cross-site request refused.");
  });

  it("refuses a signed-in page POST without an Origin, as the API does", () => {
    const res = proxy(req("/chat", { method: "POST", headers: { cookie: "auth_token=x" } }));
    expect(res.status).toBe(403);
    const ok = proxy(
      req("/chat", {
        method: "POST",
        headers: { cookie: "auth_token=x", origin: "http://localhost" },
      }),
    );
    expect(ok.headers.get("x-middleware-next")).toBe("1");
  });

  it("lets same-origin and allowlisted origins through", () => {
    for (const origin of ["http://localhost", "https://app.example.com", undefined]) {
      const res = post(origin);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-middleware-next")).toBe("1");
    }
  });
});
