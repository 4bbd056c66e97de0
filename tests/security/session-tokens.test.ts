import { describe, expect, it } from "vitest";
import { GET as meGet } from "@/app/api/auth/me/route";
import { encodeSession, serializeCookie, sessionCookie } from "@/lib/auth/session";
import { PASSWORD, registerUser, signIn, uniqueEmail } from "../helpers/auth";
import { dbTest, testEnv } from "../helpers/db";
import { call } from "../helpers/http";

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");

describe("session cookie", () => {
  dbTest(
    "is httpOnly, SameSite=Lax, Path=/, and its value never appears in a response body",
    async () => {
      const { email } = await registerUser(uniqueEmail("cookie"));
      const { res, body, session } = await signIn(email, PASSWORD);
      const line = res.headers.getSetCookie().find((c) => c.startsWith("auth_token="))!;
      expect(line).toMatch(/; HttpOnly/i);
      expect(line).toMatch(/; SameSite=Lax/i);
      expect(line).toMatch(/; Path=\//);
      expect(line).not.toMatch(/; Secure/i); // plain http in development/test
      expect(body).toEqual({ url: "http://localhost/" });
      expect(JSON.stringify(body)).not.toContain(session!);
    },
  );

  it("in production is __Host-auth_token and Secure", () => {
    const line = serializeCookie(sessionCookie({ isProduction: true }, "v", 60));
    expect(line).toBe("__Host-auth_token=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
  });
});

describe("forged or stale tokens are anonymous (401)", () => {
  const secret = testEnv.secretKey!;

  dbTest.each([
    [
      "alg:none",
      async (_id: string) => `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: _id, tv: 0 })}.`,
    ],
    [
      "HS256-signed JWT instead of our JWE",
      async (id: string) => `${b64({ alg: "HS256" })}.${b64({ sub: id, tv: 0 })}.c2lnbmF0dXJl`,
    ],
    [
      "another key",
      async (id: string) =>
        encodeSession(
          { sub: id, tv: 0 },
          { secret: "x".repeat(64), cookieName: "auth_token", maxAgeSeconds: 3600 },
        ),
    ],
    [
      "expired",
      async (id: string) =>
        encodeSession(
          { sub: id, tv: 0 },
          { secret, cookieName: "auth_token", maxAgeSeconds: -3600 },
        ),
    ],
    [
      "tampered",
      async (id: string) => {
        const t = await encodeSession(
          { sub: id, tv: 0 },
          { secret, cookieName: "auth_token", maxAgeSeconds: 3600 },
        );
        return t.slice(0, -6) + (t.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
      },
    ],
    [
      "old token version",
      async (id: string) =>
        encodeSession(
          { sub: id, tv: -1 },
          { secret, cookieName: "auth_token", maxAgeSeconds: 3600 },
        ),
    ],
  ])("%s", async (_name, forge) => {
    const { user } = await registerUser(uniqueEmail("forge"));
    const valid = await encodeSession(
      { sub: user.id, tv: 0 },
      { secret, cookieName: "auth_token", maxAgeSeconds: 3600 },
    );
    expect((await call(meGet, "/api/auth/me", { cookie: `auth_token=${valid}` })).status).toBe(200);
    const res = await call(meGet, "/api/auth/me", { cookie: `auth_token=${await forge(user.id)}` });
    expect(res.status).toBe(401);
    // The dead cookie is cleared.
    expect(res.headers.getSetCookie()).toContain(
      "auth_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    );
  });
});

describe("bypass headers give nothing more than an anonymous request", () => {
  dbTest.each([
    [{ "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }],
    [{ "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }],
    [{ "x-user-id": "USER" }],
    [
      {
        "x-user-id": "USER",
        "x-user-role": "admin",
        "x-forwarded-user": "USER",
        "x-authenticated-user": "USER",
      },
    ],
  ])("%j", async (headers) => {
    const { user } = await registerUser(uniqueEmail("victim"));
    const spoofed = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v.replace("USER", user.id)]),
    );
    const res = await call(meGet, "/api/auth/me", { headers: spoofed });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "unauthorized", message: "Sign in to continue." },
    });
  });
});
