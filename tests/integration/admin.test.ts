import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { GET as auditGet } from "@/app/api/admin/audit/route";
import { PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { GET as listUsersGet } from "@/app/api/admin/users/route";
import { GET as meGet } from "@/app/api/auth/me/route";
import { POST as createKey } from "@/app/api/keys/route";
import { users } from "@/db/schema";
import { listAudit, ListAuditOutput, updateUser } from "@/lib/admin";
import { upsertModel } from "@/lib/ai/admin";
import { createProject, deleteProject } from "@/lib/projects";
import { PASSWORD, signedInUser, signIn } from "../helpers/auth";
import { dbTest, userCtx } from "../helpers/db";
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

describe("admin: audit log names who did what to whom", () => {
  dbTest(
    "actors by email and name, targets by email, project name or model id; the ids stay",
    async ({ db }) => {
      const admin = await userCtx(db, { role: "admin" });
      await db.update(users).set({ name: "Ada Admin" }).where(eq(users.id, admin.actor.userId));
      const bob = await userCtx(db);
      await updateUser({ ctx: admin, input: { id: bob.actor.userId, tier: "premium" } });
      const { project } = await createProject({ ctx: admin, input: { name: "Apollo" } });
      const { project: gone } = await createProject({ ctx: admin, input: { name: "Gemini" } });
      await deleteProject({ ctx: admin, input: { id: gone.id, confirm: "Gemini" } });
      await upsertModel({
        ctx: admin,
        input: {
          id: "compat:local/llama3",
          provider: "compat:local",
          inputPerMTok: 0,
          outputPerMTok: 0,
          contextWindow: 8192,
          quality: 1,
        },
      });

      const out = await listAudit({ ctx: admin, input: {} });
      expect(ListAuditOutput.parse(out)).toEqual(out);
      const row = (action: string, targetId: string) =>
        out.rows.find((r) => r.action === action && r.targetId === targetId);
      const actor = {
        actorId: admin.actor.userId,
        actorEmail: admin.actor.email,
        actorName: "Ada Admin",
      };
      expect(row("user.tier_change", bob.actor.userId)).toMatchObject({
        ...actor,
        targetType: "user",
        targetLabel: bob.actor.email,
      });
      expect(row("project.create", project.id)).toMatchObject({
        ...actor,
        targetType: "project",
        targetLabel: "Apollo",
      });
      // A deleted project is named by what its entries recorded.
      expect(row("project.create", gone.id)).toMatchObject({ targetLabel: "Gemini" });
      expect(row("ai_model.upsert", "compat:local/llama3")).toMatchObject({
        targetType: "ai_model",
        targetLabel: "compat:local/llama3",
      });
      await expect(listAudit({ ctx: bob, input: {} })).rejects.toMatchObject({ status: 403 });
    },
  );

  dbTest("the route returns the service output unchanged", async () => {
    const admin = await signedInUser("admin");
    const body = await (
      await call(auditGet, "/api/admin/audit?limit=5", { cookie: admin.cookie })
    ).json();
    expect(body.rows.length).toBeGreaterThan(0);
    expect(Object.keys(body.rows[0]).sort()).toEqual(Object.keys(AuditShape).sort());
    expect(body.rows.find((r: { action: string }) => r.action === "auth.register")).toMatchObject({
      actorEmail: admin.email,
      actorName: "Test User",
      targetType: "user",
      targetLabel: admin.email,
    });
  });
});

const AuditShape = ListAuditOutput.shape.rows.element.shape;
