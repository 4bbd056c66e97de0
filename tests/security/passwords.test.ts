import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as registerPost } from "@/app/api/auth/register/route";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { parseEnv } from "@/lib/env";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";

describe("password hashing", () => {
  it("is bcrypt at cost 12 by default (and production refuses less)", async () => {
    expect(parseEnv({}).auth.passwordHashCost).toBe(12);
    expect(() =>
      parseEnv({
        ENVIRONMENT: "production",
        SECRET_KEY: "Qm8#vT2$kL9@pX4&wZ7!rN3^bH6*cJ1%fD5(gS0)yA2-eU8+iO4=uP7~tR3?lK9z",
        PASSWORD_HASH_COST: "10",
      }),
    ).toThrow(/PASSWORD_HASH_COST \(10\) must be at least 12 in production/);
    const hash = await hashPassword("a perfectly fine passphrase", 12);
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("a perfectly fine passphrase", hash)).toBe(true);
  });

  it("does not truncate at bcrypt's 72 bytes", async () => {
    const common = "x".repeat(72);
    const hash = await hashPassword(`${common}-first-ending`, 4);
    expect(await verifyPassword(`${common}-first-ending`, hash)).toBe(true);
    expect(await verifyPassword(`${common}-other-ending`, hash)).toBe(false);
    expect(await verifyPassword(common, hash)).toBe(false);
  });

  it("handles multi-byte passwords beyond 72 bytes", async () => {
    const emoji = "🔐".repeat(30); // 120 bytes
    const hash = await hashPassword(emoji, 4);
    expect(await verifyPassword(emoji, hash)).toBe(true);
    expect(await verifyPassword("🔐".repeat(29) + "🔑", hash)).toBe(false);
  });
});

describe("huge bodies are refused before any hashing", () => {
  const big = "a".repeat(1024 * 1024);

  dbTest("register: 1 MB → 413, fast, nothing written", async ({ db }) => {
    const started = performance.now();
    const res = await call(registerPost, "/api/auth/register", {
      json: { email: "big@example.com", password: big },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect(performance.now() - started).toBeLessThan(500);
    expect(await db.select().from(users)).toEqual([]);
  });

  dbTest("sign-in: 1 MB → 413", async () => {
    const res = await call(authPost, "/api/auth/callback/credentials", {
      body: new URLSearchParams({ email: "big@example.com", password: big, csrfToken: "x" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(413);
  });
});
