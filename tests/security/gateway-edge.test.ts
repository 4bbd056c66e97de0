import { afterAll, beforeAll, describe, expect, vi } from "vitest";
import { apiKey } from "../helpers/ai-api";
import { signedInUser } from "../helpers/auth";
import type { FakeProvider } from "../helpers/fake-provider";
import { randomIp } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";
import { TRANSPORTS } from "../helpers/transports";

// The edge (lib/http/edge.ts) and the API core on both paths: the security headers, CORS, the
// gate and the body and Origin checks a gateway answer gets must be exactly the route's.
const APP = "https://app.example.com";
vi.hoisted(() => {
  // proxy.ts reads the environment once, when first called.
  process.env.CORS_ORIGINS = "https://app.example.com";
});
afterAll(() => {
  delete process.env.CORS_ORIGINS;
});

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

const chat = (content = "hi") => ({ model: "gpt-4o-mini", messages: [{ role: "user", content }] });

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get("content-security-policy")!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("permissions-policy")).toContain("camera=()");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(res.headers.get("strict-transport-security")).toBeNull(); // production only
  expect(res.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
}

describe.each(TRANSPORTS)("the gateway paths' edge, via $name", (t) => {
  routerTest(
    "anonymous calls: 401 in OpenAI's envelope with every security header, on every endpoint",
    async ({ install }) => {
      await install(fake, { CORS_ORIGINS: APP });
      for (const res of [
        await t.call("/api/v1/models"),
        await t.call("/api/v1/models/gpt-4o-mini"),
        await t.call("/api/v1/chat/completions", { json: chat() }),
      ]) {
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({
          error: {
            message: "Sign in or send an API key (Authorization: Bearer …).",
            type: "authentication_error",
            param: null,
            code: "invalid_api_key",
          },
        });
        expectSecurityHeaders(res);
      }
    },
  );

  routerTest(
    "answers carry the headers too; a well-formed request id is kept, a malformed one replaced",
    async ({ install }) => {
      await install(fake, { CORS_ORIGINS: APP });
      const { cookie } = await signedInUser("edge");
      const key = await apiKey(cookie);
      const auth = { authorization: `Bearer ${key}` };
      const ok = await t.call("/api/v1/models", {
        headers: { ...auth, "x-request-id": "trace-1234abcd" },
      });
      expect(ok.status).toBe(200);
      expectSecurityHeaders(ok);
      expect(ok.headers.get("x-request-id")).toBe("trace-1234abcd");
      const odd = await t.call("/api/v1/models", {
        headers: { ...auth, "x-request-id": "bad id with spaces" },
      });
      expect(odd.headers.get("x-request-id")).not.toBe("bad id with spaces");
      const done = await t.call("/api/v1/chat/completions", { json: chat(), headers: auth });
      expect(done.status).toBe(200);
      expectSecurityHeaders(done);
      expect(done.headers.get("server-timing")).toMatch(/^auth;desc=.*;dur=[\d.]+, app;dur=/);
    },
  );

  routerTest(
    "CORS: an allowed origin is echoed with credentials, a foreign one gets nothing",
    async ({ install }) => {
      await install(fake, { CORS_ORIGINS: APP });
      const { cookie } = await signedInUser("cors");
      const auth = { authorization: `Bearer ${await apiKey(cookie)}` };
      const allowed = await t.call("/api/v1/models", { headers: { ...auth, origin: APP } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get("access-control-allow-origin")).toBe(APP);
      expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
      expect(allowed.headers.get("access-control-expose-headers")).toContain("x-route-model");
      expect(allowed.headers.get("vary")).toContain("Origin");
      const foreign = await t.call("/api/v1/models", {
        headers: { ...auth, origin: "https://evil.example" },
      });
      expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
      expect(foreign.headers.get("access-control-allow-credentials")).toBeNull();
    },
  );

  routerTest(
    "CORS preflight: allowed → 204 with the policy, foreign → 403",
    async ({ install }) => {
      await install(fake, { CORS_ORIGINS: APP });
      const preflight = (origin: string) =>
        t.call("/api/v1/chat/completions", {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
          },
        });
      const ok = await preflight(APP);
      expect(ok.status).toBe(204);
      expect(ok.headers.get("access-control-allow-origin")).toBe(APP);
      expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
      expect(ok.headers.get("access-control-allow-headers")).toContain("authorization");
      expect(ok.headers.get("access-control-max-age")).toBe("600");
      expectSecurityHeaders(ok);
      const foreign = await preflight("https://evil.example");
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    },
  );

  routerTest(
    "cookie sessions: a POST needs our Origin (CSRF); an API key does not",
    async ({ install }) => {
      await install(fake, { CORS_ORIGINS: APP });
      const { cookie } = await signedInUser("csrf");
      const key = await apiKey(cookie);
      const missing = await t.call("/api/v1/chat/completions", {
        json: chat(),
        cookie,
        headers: { origin: "" },
      });
      expect(missing.status).toBe(403);
      expect((await missing.json()).error.message).toBe(
        "Cross-site request refused: the Origin header is missing.",
      );
      const evil = await t.call("/api/v1/chat/completions", {
        json: chat(),
        cookie,
        headers: { origin: "https://evil.example" },
      });
      expect(evil.status).toBe(403);
      expect((await evil.json()).error).toEqual({
        message: "Cross-site request refused.",
        type: "permission_error",
        param: null,
        code: "forbidden",
      });
      const own = await t.call("/api/v1/chat/completions", { json: chat("same origin"), cookie });
      expect(own.status).toBe(200);
      const allowlisted = await t.call("/api/v1/chat/completions", {
        json: chat("allowlisted"),
        cookie,
        headers: { origin: APP },
      });
      expect(allowlisted.status).toBe(200);
      const byKey = await t.call("/api/v1/chat/completions", {
        json: chat("by key"),
        headers: { authorization: `Bearer ${key}`, origin: "https://evil.example" },
      });
      expect(byKey.status).toBe(200);
    },
  );

  routerTest(
    "body checks in OpenAI's envelope: past 4 MB → 413, not JSON → 400 unsupported_content_type, malformed → 400, invalid → 400 naming the field",
    async ({ install }) => {
      await install(fake, { CORS_ORIGINS: APP });
      const { cookie } = await signedInUser("body");
      const auth = { authorization: `Bearer ${await apiKey(cookie)}` };
      const envelope = (code: string, message: unknown, param: string | null = null) => ({
        error: { message, type: "invalid_request_error", param, code },
      });
      const huge = JSON.stringify(chat("x".repeat(4 * 1024 * 1024 + 10)));
      const tooBig = await t.call("/api/v1/chat/completions", {
        body: huge,
        headers: { ...auth, "content-type": "application/json" },
      });
      expect(tooBig.status).toBe(413);
      expect(await tooBig.json()).toEqual(
        envelope("request_too_large", "Request body is larger than the limit of 4194304 bytes."),
      );
      const text = await t.call("/api/v1/chat/completions", {
        body: "hello",
        headers: { ...auth, "content-type": "text/plain" },
      });
      expect(text.status).toBe(400);
      expect(await text.json()).toEqual(
        envelope(
          "unsupported_content_type",
          "Send the body as JSON with Content-Type: application/json.",
        ),
      );
      const broken = await t.call("/api/v1/chat/completions", {
        body: '{"model":',
        headers: { ...auth, "content-type": "application/json" },
      });
      expect(broken.status).toBe(400);
      expect(await broken.json()).toEqual(
        envelope("bad_request", expect.stringMatching(/^Malformed JSON: /)),
      );
      const nul = await t.call("/api/v1/chat/completions", {
        json: chat("a\u0000b"),
        headers: auth,
      });
      expect(nul.status).toBe(400);
      expect((await nul.json()).error).toMatchObject({
        type: "invalid_request_error",
        param: "messages.0.content",
      });
      const invalid = await t.call("/api/v1/chat/completions", {
        json: { model: "auto", messages: [] },
        headers: auth,
      });
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toEqual(
        envelope("invalid_value", "messages: needs at least one message", "messages"),
      );
    },
  );

  routerTest("a wrong key is 401 and spends the anonymous budget", async ({ install }) => {
    await install(fake, { CORS_ORIGINS: APP, RATE_LIMIT_ANONYMOUS_PER_MINUTE: "2" });
    const ip = randomIp(); // the file's limiter outlives the test: a budget of this test's own
    const bad = { authorization: "Bearer aios_notARealKey_000000000000000000000000000000" };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await t.call("/api/v1/models", { headers: bad, ip })).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});
