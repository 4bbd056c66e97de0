import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { GET as auditGet } from "@/app/api/admin/audit/route";
import { GET as meGet } from "@/app/api/auth/me/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/keys/route";
import { apiKeys } from "@/db/schema";
import { signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe("API keys", () => {
  dbTest("created once in full, listed by prefix, stored only as SHA-256", async ({ db }) => {
    const { cookie } = await signedInUser("keys");
    const res = await call(createKey, "/api/keys", {
      json: { name: "CI", scopes: ["read", "write"], expiresInDays: 30 },
      cookie,
    });
    expect(res.status).toBe(201);
    const { key, apiKey } = await res.json();
    expect(key).toMatch(/^aios_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({
      name: "CI",
      prefix: key.slice(0, 12),
      scopes: ["read", "write"],
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(new Date(apiKey.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const listed = await (await call(listKeys, "/api/keys", { cookie })).text();
    expect(listed).not.toContain(key);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key);
  });

  dbTest(
    "authenticates API routes as its user, records last use (batched); revoked → 401 at once",
    async ({ services }) => {
      const { cookie, email } = await signedInUser("bearer");
      const { key, apiKey } = await (
        await call(createKey, "/api/keys", { json: { name: "script" }, cookie })
      ).json();
      const me = await call(meGet, "/api/auth/me", { headers: bearer(key) });
      expect(me.status).toBe(200);
      expect((await me.json()).user.email).toBe(email);
      // Not written by the request itself: the batch goes out every few seconds, or now.
      const [before] = (await (await call(listKeys, "/api/keys", { cookie })).json()).keys;
      expect(before.lastUsedAt).toBeNull();
      await services.principals.flush();
      const [listed] = (await (await call(listKeys, "/api/keys", { cookie })).json()).keys;
      expect(listed.lastUsedAt).not.toBeNull();

      expect(
        (
          await call(revokeKey, `/api/keys/${apiKey.id}`, {
            method: "DELETE",
            cookie,
            params: { id: apiKey.id },
          })
        ).status,
      ).toBe(200);
      const after = await call(meGet, "/api/auth/me", { headers: bearer(key) });
      expect(after.status).toBe(401);
      expect(await after.json()).toEqual({
        error: { code: "unauthorized", message: "Invalid, revoked or expired API key." },
      });
    },
  );

  dbTest("an expired key → 401", async ({ db }) => {
    const { cookie } = await signedInUser("expiry");
    const { key, apiKey } = await (
      await call(createKey, "/api/keys", {
        json: { name: "short-lived", expiresInDays: 1 },
        cookie,
      })
    ).json();
    await db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, apiKey.id));
    expect((await call(meGet, "/api/auth/me", { headers: bearer(key) })).status).toBe(401);
  });

  dbTest("malformed or unknown bearer values → 401, never anonymous", async () => {
    for (const value of [
      "Bearer nope",
      "Bearer aios_" + "x".repeat(43),
      "Basic dXNlcjpwYXNz",
      "Bearer",
    ]) {
      expect(
        (await call(meGet, "/api/auth/me", { headers: { authorization: value } })).status,
      ).toBe(401);
    }
  });

  dbTest(
    "scopes: a key cannot mint or revoke keys; admin scope needs an admin; read keys cannot write",
    async () => {
      const admin = await signedInUser("admin"); // first account = admin
      const member = await signedInUser("member");
      const { key } = await (
        await call(createKey, "/api/keys", { json: { name: "read only" }, cookie: member.cookie })
      ).json();
      const minted = await call(createKey, "/api/keys", {
        json: { name: "from a key" },
        headers: bearer(key),
      });
      expect(minted.status).toBe(403);
      expect((await minted.json()).error.message).toMatch(/signed-in session/);

      const escalate = await call(createKey, "/api/keys", {
        json: { name: "root", scopes: ["admin"] },
        cookie: member.cookie,
      });
      expect(escalate.status).toBe(422);
      expect((await escalate.json()).error.details.fields).toEqual([
        { field: "scopes", message: "admin scope is only for admins" },
      ]);

      const adminRead = await (
        await call(createKey, "/api/keys", {
          json: { name: "admin read", scopes: ["read"] },
          cookie: admin.cookie,
        })
      ).json();
      const audit = await call(auditGet, "/api/admin/audit", { headers: bearer(adminRead.key) });
      expect(audit.status).toBe(403);
      expect((await audit.json()).error.message).toBe('This API key lacks the "admin" scope.');
      const adminFull = await (
        await call(createKey, "/api/keys", {
          json: { name: "admin", scopes: ["read", "admin"] },
          cookie: admin.cookie,
        })
      ).json();
      expect(
        (await call(auditGet, "/api/admin/audit", { headers: bearer(adminFull.key) })).status,
      ).toBe(200);
    },
  );
});
