import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as meGet } from "@/app/api/auth/me/route";
import { POST as passwordPost } from "@/app/api/auth/password/route";
import { PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { apiKeys, auditLog, users } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { rateLimitFor } from "@/lib/rate-limit/policy";
import { PASSWORD, registerUser, signedInUser, signIn, uniqueEmail } from "../helpers/auth";
import { createCtx } from "@/lib/services";
import { dbTest, testDatabase, testEnv, testServices } from "../helpers/db";
import { call, randomIp } from "../helpers/http";

describe("lockout holds under concurrency", () => {
  dbTest(
    "a burst of guesses gets at most LOGIN_MAX_FAILURES tries and one lockout row",
    async ({ db }) => {
      const { email, user } = await registerUser(uniqueEmail("burst"));
      const guesses = [
        ...Array.from({ length: 11 }, (_, i) => `wrong guess number ${i}`),
        PASSWORD,
      ];
      const results = await Promise.all(guesses.map((p) => signIn(email, p)));
      const codes = results.map((r) => r.code ?? "signed-in");
      expect(codes.filter((c) => c === "invalid_credentials").length).toBeLessThanOrEqual(
        testEnv.auth.loginMaxFailures - 1,
      );
      expect(codes.filter((c) => c === "locked").length).toBeGreaterThanOrEqual(
        guesses.length - testEnv.auth.loginMaxFailures,
      );
      const lockouts = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, user.id), eq(auditLog.action, "auth.lockout")));
      expect(lockouts.length).toBeLessThanOrEqual(1);
      expect((await signIn(email, PASSWORD)).code).toBe("locked");
    },
  );

  dbTest("the current-password check shares the account's budget", async () => {
    const { cookie } = await signedInUser("oracle");
    for (let i = 0; i < testEnv.auth.loginMaxFailures; i++) {
      const res = await call(passwordPost, "/api/auth/password", {
        json: { currentPassword: `guess ${i} guess`, newPassword: "new long passphrase" },
        cookie,
      });
      expect(res.status).toBe(422);
    }
    const locked = await call(passwordPost, "/api/auth/password", {
      json: { currentPassword: PASSWORD, newPassword: "new long passphrase" },
      cookie,
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("Auth.js endpoints", () => {
  dbTest("/api/auth/session is closed (it would ignore revocation)", async () => {
    const { cookie } = await signedInUser("session");
    expect((await call(authGet, "/api/auth/session", { cookie })).status).toBe(404);
    expect((await call(authPost, "/api/auth/session", { body: "", cookie })).status).toBe(404);
  });

  dbTest("sign-in from a foreign Origin is refused before Auth.js runs", async () => {
    const { email } = await registerUser(uniqueEmail("csrf-login"));
    const res = await call(authPost, "/api/auth/callback/credentials", {
      body: new URLSearchParams({ email, password: PASSWORD, csrfToken: "x" }),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe("admin ids", () => {
  dbTest(
    "an admin cannot reach their own record through another spelling of the id; junk ids are 404",
    async () => {
      const admin = await signedInUser("admin");
      await signedInUser("second"); // so the last-admin rule is not what refuses
      const upper = admin.user.id.toUpperCase();
      const res = await call(patchUser, `/api/admin/users/${upper}`, {
        method: "PATCH",
        json: { role: "member" },
        cookie: admin.cookie,
        params: { id: upper },
      });
      expect(res.status).toBe(403);
      const junk = await call(patchUser, "/api/admin/users/junk", {
        method: "PATCH",
        json: { role: "member" },
        cookie: admin.cookie,
        params: { id: "junk" },
      });
      expect(junk.status).toBe(404);
    },
  );
});

describe("API key guessing and caps", () => {
  dbTest("bad bearer keys spend the client's anonymous budget", async () => {
    const ip = randomIp();
    const bad = { authorization: `Bearer aios_${"x".repeat(43)}` };
    const statuses: number[] = [];
    for (let i = 0; i <= testEnv.rateLimits.anonymous; i++)
      statuses.push((await call(meGet, "/api/auth/me", { headers: bad, ip })).status);
    expect(statuses.slice(0, testEnv.rateLimits.anonymous).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  // Outside the per-test transaction on purpose: concurrent requests must each get their own
  // transaction (their own connection on PostgreSQL) for the cap's lock to be what is tested.
  it("parallel creations cannot pass the 50-key cap", async () => {
    const { db } = await testDatabase();
    const services = testServices(db);
    const [user] = await db
      .insert(users)
      .values({ email: uniqueEmail("cap"), passwordHash: "x" })
      .returning();
    try {
      await db.insert(apiKeys).values(
        Array.from({ length: 48 }, (_, i) => ({
          userId: user!.id,
          name: `k${i}`,
          prefix: `p${i}`,
          keyHash: `h-${user!.id}-${i}`,
        })),
      );
      const actor = {
        kind: "user" as const,
        userId: user!.id,
        email: user!.email,
        role: "member" as const,
        tier: "free" as const,
        via: "session" as const,
        scopes: ["read" as const, "write" as const],
      };
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, async (_, i) =>
          createApiKey({ ctx: await createCtx(services, { actor }), input: { name: `n${i}` } }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
      expect(
        results
          .filter((r) => r.status === "rejected")
          .map((r) => (r as PromiseRejectedResult).reason.status),
      ).toEqual([422, 422, 422]);
    } finally {
      await services.close();
      await db.delete(users).where(eq(users.id, user!.id));
    }
  });
});

describe("per-IP keys", () => {
  it("count an IPv6 client per /64, IPv4 per address", () => {
    const a = rateLimitFor("auth", { kind: "anonymous" }, "2001:db8:1:2:aaaa::1", testEnv)!.key;
    const b = rateLimitFor("auth", { kind: "anonymous" }, "2001:db8:1:2:bbbb::9", testEnv)!.key;
    const c = rateLimitFor("auth", { kind: "anonymous" }, "2001:db8:1:3::1", testEnv)!.key;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(rateLimitFor("auth", { kind: "anonymous" }, "203.0.113.7", testEnv)!.key).toBe(
      "ip:203.0.113.7",
    );
  });
});
