import { describe, expect } from "vitest";
import { GET as auditGet } from "@/app/api/admin/audit/route";
import { PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { GET as listUsersGet } from "@/app/api/admin/users/route";
import { GET as meGet } from "@/app/api/auth/me/route";
import { POST as createKey } from "@/app/api/keys/route";
import { updateUser } from "@/lib/admin";
import { PASSWORD, signedInUser, signIn } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";

const patch = (cookie: string, id: string, json: unknown) =>
  call(patchUser, `/api/admin/users/${id}`, { method: "PATCH", json, cookie, params: { id } });

describe("admin: users", () => {
  dbTest("lists and searches users with paging", async () => {
    const admin = await signedInUser("admin");
    await signedInUser("zebra");
    const all = await (
      await call(listUsersGet, "/api/admin/users", { cookie: admin.cookie })
    ).json();
    expect(all.total).toBe(2);
    const found = await (
      await call(listUsersGet, "/api/admin/users?q=zebra&pageSize=1", { cookie: admin.cookie })
    ).json();
    expect(found.users.map((u: { email: string }) => u.email)).toEqual([
      expect.stringMatching(/^zebra-/),
    ]);
    const bad = await call(listUsersGet, "/api/admin/users?pageSize=1000", {
      cookie: admin.cookie,
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details.fields[0].field).toBe("query.pageSize");
  });

  dbTest("changes role and tier, with before/after in the audit log", async () => {
    const admin = await signedInUser("admin");
    const bob = await signedInUser("bob");
    const res = await patch(admin.cookie, bob.user.id, { role: "viewer", tier: "premium" });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ role: "viewer", tier: "premium" });
    expect(
      (await (await call(meGet, "/api/auth/me", { cookie: bob.cookie })).json()).user.role,
    ).toBe("viewer");
    const audit = await (
      await call(auditGet, "/api/admin/audit?action=user.", { cookie: admin.cookie })
    ).json();
    expect(
      audit.rows.map((r: { action: string; metadata: object; actorEmail: string }) => [
        r.action,
        r.metadata,
        r.actorEmail,
      ]),
    ).toEqual([
      ["user.tier_change", { email: bob.email, before: "free", after: "premium" }, admin.email],
      ["user.role_change", { email: bob.email, before: "member", after: "viewer" }, admin.email],
    ]);
  });

  dbTest(
    "disabling stops the user's sessions and keys at once; enabling restores sign-in",
    async () => {
      const admin = await signedInUser("admin");
      const carol = await signedInUser("carol");
      const { key } = await (
        await call(createKey, "/api/keys", { json: { name: "k" }, cookie: carol.cookie })
      ).json();
      expect((await patch(admin.cookie, carol.user.id, { disabled: true })).status).toBe(200);
      expect((await call(meGet, "/api/auth/me", { cookie: carol.cookie })).status).toBe(401);
      expect(
        (await call(meGet, "/api/auth/me", { headers: { authorization: `Bearer ${key}` } })).status,
      ).toBe(401);
      expect((await signIn(carol.email, PASSWORD)).code).toBe("invalid_credentials");
      expect((await patch(admin.cookie, carol.user.id, { disabled: false })).status).toBe(200);
      expect((await signIn(carol.email, PASSWORD)).session).toBeTruthy();
    },
  );

  dbTest(
    "the last active admin cannot be demoted or disabled, even by a request that raced a demotion",
    async ({ ctx }) => {
      const admin = await signedInUser("admin");
      const bob = await signedInUser("bob");
      expect((await patch(admin.cookie, bob.user.id, { role: "admin" })).status).toBe(200);
      expect((await patch(bob.cookie, admin.user.id, { role: "member" })).status).toBe(200);
      // admin's request was authenticated (as an admin) just before that demotion landed:
      const stale = {
        ...ctx,
        actor: {
          kind: "user" as const,
          userId: admin.user.id,
          email: admin.email,
          role: "admin" as const,
          tier: "free" as const,
          via: "session" as const,
          scopes: ["read" as const, "write" as const, "admin" as const],
        },
      };
      await expect(
        updateUser({ ctx: stale, input: { id: bob.user.id, disabled: true } }),
      ).rejects.toThrow("This is the last active admin; promote someone else first.");
      await expect(
        updateUser({ ctx: stale, input: { id: bob.user.id, role: "viewer" } }),
      ).rejects.toMatchObject({ status: 409 });
      const unknown = await patch(bob.cookie, "00000000-0000-4000-8000-000000000000", {
        role: "member",
      });
      expect(unknown.status).toBe(404);
    },
  );

  dbTest("an empty or unknown patch is a 422", async () => {
    const admin = await signedInUser("admin");
    const bob = await signedInUser("bob");
    expect((await patch(admin.cookie, bob.user.id, {})).status).toBe(422);
    expect((await patch(admin.cookie, bob.user.id, { role: "owner" })).status).toBe(422);
    expect((await patch(admin.cookie, bob.user.id, { email: "x@y.z" })).status).toBe(422);
  });
});

describe("admin: audit log", () => {
  dbTest("records auth events and filters by actor, action, date, with cursor paging", async () => {
    const admin = await signedInUser("admin");
    const dave = await signedInUser("dave");
    await signIn(dave.email, "wrong password, sorry");
    const q = async (query: string) =>
      (await call(auditGet, `/api/admin/audit?${query}`, { cookie: admin.cookie })).json();

    const daves = await q(`actor=${encodeURIComponent(dave.email)}`);
    expect(daves.rows.map((r: { action: string }) => r.action)).toEqual([
      "auth.login.failure",
      "auth.login.success",
      "auth.register",
    ]);
    expect((await q("action=auth.login.failure")).rows).toHaveLength(1);
    expect((await q("action=auth.")).rows.length).toBeGreaterThanOrEqual(5);
    expect((await q(`from=${new Date(Date.now() + 60_000).toISOString()}`)).rows).toEqual([]);

    const first = await q("limit=2");
    expect(first.rows).toHaveLength(2);
    const second = await q(`limit=2&before=${first.nextBefore}`);
    expect(second.rows[0].id).toBeLessThan(first.rows[1].id);
  });
});
