import { describe, expect, it } from "vitest";
import { GET as meGet } from "@/app/api/auth/me/route";
import { encodeSession, serializeCookie, sessionCookie } from "@/lib/auth/session";
import { openSession, revokeSession } from "@/lib/auth/sessions";
import { PASSWORD, registerUser, signIn, uniqueEmail } from "../helpers/auth";
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Actor, Ctx } from "@/lib/context";
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

  const opts = { secret, cookieName: "auth_token", maxAgeSeconds: 3600 };
  type Forge = (id: string, sid: string, ctx: Ctx) => Promise<string>;

  dbTest.for<[string, Forge]>([
    [
      "alg:none",
      async (id, sid) => `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: id, tv: 0, sid })}.`,
    ],
    [
      "HS256-signed JWT instead of our JWE",
      async (id, sid) => `${b64({ alg: "HS256" })}.${b64({ sub: id, tv: 0, sid })}.c2lnbmF0dXJl`,
    ],
    [
      "another key",
      async (id, sid) =>
        encodeSession({ sub: id, tv: 0, sid }, { ...opts, secret: "x".repeat(64) }),
    ],
    [
      "expired",
      async (id, sid) => encodeSession({ sub: id, tv: 0, sid }, { ...opts, maxAgeSeconds: -3600 }),
    ],
    [
      "tampered",
      async (id, sid) => {
        const t = await encodeSession({ sub: id, tv: 0, sid }, opts);
        return t.slice(0, -6) + (t.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
      },
    ],
    ["old token version", async (id, sid) => encodeSession({ sub: id, tv: -1, sid }, opts)],
    [
      "no session id (a token from before sessions were revocable)",
      async (id) => encode({ token: { sub: id, tv: 0 }, secret, salt: "auth_token", maxAge: 3600 }),
    ],
    [
      "a session id that does not exist",
      async (id) => encodeSession({ sub: id, tv: 0, sid: randomUUID() }, opts),
    ],
    [
      "another user's session id",
      async (id, _sid, ctx) => {
        const other = await registerUser(uniqueEmail("other"));
        return encodeSession({ sub: id, tv: 0, sid: await openSession(ctx, other.user.id) }, opts);
      },
    ],
    [
      "a signed-out session",
      async (id, sid, ctx) => {
        const actor: Actor = {
          ...{ kind: "user", userId: id, email: "x@example.com", role: "member", tier: "free" },
          ...{ via: "session", sessionId: sid, scopes: ["read", "write", "admin"] },
        };
        await revokeSession({ ctx: { ...ctx, actor }, input: { id: sid } });
        return encodeSession({ sub: id, tv: 0, sid }, opts);
      },
    ],
  ])("%s", async ([, forge], { ctx }) => {
    const { user } = await registerUser(uniqueEmail("forge"));
    const sid = await openSession(ctx, user.id);
    const valid = await encodeSession({ sub: user.id, tv: 0, sid }, opts);
    expect((await call(meGet, "/api/auth/me", { cookie: `auth_token=${valid}` })).status).toBe(200);
    const forged = await forge(user.id, sid, ctx);
    const res = await call(meGet, "/api/auth/me", { cookie: `auth_token=${forged}` });
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
