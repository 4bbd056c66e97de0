import { describe, expect } from "vitest";
import { PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { GET as listUsersGet } from "@/app/api/admin/users/route";
import { POST as registerPost } from "@/app/api/auth/register/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/keys/route";
import { signedInUser, uniqueEmail } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";

/** An admin (the first account) and two members, each with a session. */
async function cast() {
  const admin = await signedInUser("admin");
  const alice = await signedInUser("alice");
  const bob = await signedInUser("bob");
  return { admin, alice, bob };
}

describe("CSRF: cookie-authenticated writes need our Origin", () => {
  dbTest.each([
    ["a foreign origin", { origin: "https://evil.example" }],
    ["a look-alike origin", { origin: "http://localhost.evil.example" }],
    ["the null origin", { origin: "null" }],
  ])("refuses %s", async (_name, headers) => {
    const { alice } = await cast();
    const res = await call(createKey, "/api/keys", {
      json: { name: "csrf" },
      cookie: alice.cookie,
      headers,
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/^Cross-site request refused/);
    expect(
      (await (await call(listKeys, "/api/keys", { cookie: alice.cookie })).json()).keys,
    ).toEqual([]);
  });

  dbTest("refuses a cookie write without any Origin", async () => {
    const { alice } = await cast();
    const req = new Request("http://localhost/api/keys", {
      method: "POST",
      headers: { cookie: alice.cookie, "content-type": "application/json" },
      body: '{"name":"x"}',
    });
    expect((await createKey(req, { params: Promise.resolve({}) })).status).toBe(403);
  });

  dbTest("accepts our own origin", async () => {
    const { alice } = await cast();
    expect(
      (await call(createKey, "/api/keys", { json: { name: "ok" }, cookie: alice.cookie })).status,
    ).toBe(201);
  });

  dbTest("refuses anonymous writes from a foreign origin too (login CSRF)", async () => {
    const res = await call(registerPost, "/api/auth/register", {
      json: { email: uniqueEmail(), password: "a long enough passphrase" },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
  });
});

describe("object-level authorization (IDOR)", () => {
  dbTest(
    "another user's key id is 404, exactly like a missing one, and the key survives",
    async () => {
      const { alice, bob } = await cast();
      const created = await (
        await call(createKey, "/api/keys", { json: { name: "alice's" }, cookie: alice.cookie })
      ).json();
      const theirs = await call(revokeKey, `/api/keys/${created.apiKey.id}`, {
        method: "DELETE",
        cookie: bob.cookie,
        params: { id: created.apiKey.id },
      });
      const missing = await call(revokeKey, "/api/keys/00000000-0000-4000-8000-000000000000", {
        method: "DELETE",
        cookie: bob.cookie,
        params: { id: "00000000-0000-4000-8000-000000000000" },
      });
      const garbage = await call(revokeKey, "/api/keys/not-a-uuid", {
        method: "DELETE",
        cookie: bob.cookie,
        params: { id: "not-a-uuid" },
      });
      for (const res of [theirs, missing, garbage]) {
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({
          error: { code: "not_found", message: "API key not found." },
        });
      }
      expect(
        (await (await call(listKeys, "/api/keys", { cookie: bob.cookie })).json()).keys,
      ).toEqual([]);
      const alicesKeys = (
        await (await call(listKeys, "/api/keys", { cookie: alice.cookie })).json()
      ).keys;
      expect(alicesKeys).toMatchObject([{ id: created.apiKey.id, revokedAt: null }]);
    },
  );

  dbTest("members cannot use admin endpoints", async () => {
    const { admin, alice } = await cast();
    expect((await call(listUsersGet, "/api/admin/users", { cookie: alice.cookie })).status).toBe(
      403,
    );
    const res = await call(patchUser, `/api/admin/users/${admin.user.id}`, {
      method: "PATCH",
      json: { disabled: true },
      cookie: alice.cookie,
      params: { id: admin.user.id },
    });
    expect(res.status).toBe(403);
  });
});

describe("mass assignment", () => {
  dbTest("register refuses role, tier and other server-owned fields", async () => {
    await signedInUser("first-admin");
    for (const extra of [
      { role: "admin" },
      { tier: "premium" },
      { tokenVersion: 99 },
      { disabledAt: null },
    ]) {
      const res = await call(registerPost, "/api/auth/register", {
        json: { email: uniqueEmail(), password: "a long enough passphrase", ...extra },
      });
      expect(res.status).toBe(422);
      expect((await res.json()).error.details.fields[0]).toMatchObject({
        code: "unrecognized_keys",
      });
    }
  });

  dbTest("a member cannot raise their own role or tier", async () => {
    const { alice } = await cast();
    const res = await call(patchUser, `/api/admin/users/${alice.user.id}`, {
      method: "PATCH",
      json: { role: "admin", tier: "premium" },
      cookie: alice.cookie,
      params: { id: alice.user.id },
    });
    expect(res.status).toBe(403);
  });

  dbTest("an admin cannot change themself either (no accidental self-lockout)", async () => {
    const { admin } = await cast();
    const res = await call(patchUser, `/api/admin/users/${admin.user.id}`, {
      method: "PATCH",
      json: { role: "member" },
      cookie: admin.cookie,
      params: { id: admin.user.id },
    });
    expect(res.status).toBe(403);
  });
});
