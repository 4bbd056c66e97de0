import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { GET as listKeys } from "@/app/api/keys/route";
import { POST as registerPost } from "@/app/api/auth/register/route";
import { auditLog } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/passwords";
import { users } from "@/db/schema";
import { createMemoryRateLimiter } from "@/lib/rate-limit/memory";
import { PASSWORD, registerUser, signIn, uniqueEmail } from "../helpers/auth";
import { dbTest, testEnv } from "../helpers/db";
import { call, randomIp } from "../helpers/http";

describe("no account enumeration", () => {
  dbTest("unknown email and wrong password get the same answer", async () => {
    const { email } = await registerUser(uniqueEmail("known"));
    const wrong = await signIn(email, "not the password at all");
    const unknown = await signIn(uniqueEmail("nobody"), "not the password at all");
    expect(wrong.res.status).toBe(unknown.res.status);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.code).toBe("invalid_credentials");
  });

  dbTest("and take similar time (both pay for a bcrypt comparison)", async ({ ctx }) => {
    // Real cost (10) so that bcrypt, not noise, dominates; the service is called directly.
    const env = { ...testEnv, auth: { ...testEnv.auth, passwordHashCost: 10 } };
    const c = { ...ctx, env, limiter: createMemoryRateLimiter() };
    await c.db
      .insert(users)
      .values({ email: "timed@example.com", passwordHash: await hashPassword(PASSWORD, 10) });
    const time = async (email: string) => {
      const t = performance.now();
      await verifyCredentials({
        ctx: c,
        input: { email, password: "wrong password here" },
      }).catch(() => undefined);
      return performance.now() - t;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time("timed@example.com"));
      unknown.push(await time(`ghost${i}@example.com`));
    }
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});

describe("brute force", () => {
  dbTest(
    "locks an account after 5 failures, even for the right password, and audits it once",
    async ({ db }) => {
      const { email, user } = await registerUser(uniqueEmail("target"));
      for (let i = 0; i < 4; i++)
        expect((await signIn(email, `wrong-${i}-password`)).code).toBe("invalid_credentials");
      expect((await signIn(email, "wrong-4-password")).code).toBe("locked");
      const right = await signIn(email, PASSWORD);
      expect(right.code).toBe("locked");
      expect(right.session).toBeNull();
      const rows = await db.select().from(auditLog).where(eq(auditLog.targetId, user.id));
      expect(rows.filter((r) => r.action === "auth.login.failure")).toHaveLength(5);
      expect(rows.filter((r) => r.action === "auth.lockout")).toHaveLength(1);
    },
  );

  dbTest("locks an unknown email the same way (the lockout reveals nothing)", async () => {
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 4; i++)
      expect((await signIn(ghost, `wrong-${i}-password`)).code).toBe("invalid_credentials");
    expect((await signIn(ghost, "wrong-4-password")).code).toBe("locked");
  });

  dbTest("throttles auth endpoints per client IP with 429 and rate-limit headers", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < testEnv.rateLimits.auth + 1; i++) {
      last = await call(registerPost, "/api/auth/register", {
        json: { email: "not-an-email", password: "x" },
        ip,
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, testEnv.rateLimits.auth).every((s) => s === 422)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.headers.get("x-ratelimit-limit")).toBe(String(testEnv.rateLimits.auth));
    expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(last!.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    // Another client is not affected.
    expect(
      (await call(registerPost, "/api/auth/register", { json: { email: "x" }, ip: randomIp() }))
        .status,
    ).toBe(422);
  });
});

describe("burst", () => {
  dbTest("2× the limit at once admits exactly the limit", async () => {
    const ip = randomIp();
    const limit = testEnv.rateLimits.anonymous;
    const results = await Promise.all(
      Array.from({ length: limit * 2 }, () => call(listKeys, "/api/keys", { ip })),
    );
    const limited = results.filter((r) => r.status === 429).length;
    expect(limit * 2 - limited).toBe(limit);
    expect(results.filter((r) => r.status === 401)).toHaveLength(limit); // admitted, then refused by the service
  });
});
