import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditLog } from "@/db/schema";
import type { Db } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import {
  addMember,
  createProject,
  deleteProject,
  getProject,
  listProjects,
  removeMember,
  updateMember,
  updateProject,
} from "@/lib/projects";
import { dbTest, userCtx } from "../helpers/db";

type Who = "owner" | "editor" | "viewer" | "outsider";

/** A project with one member of each role, and a user outside it. */
async function team(db: Db) {
  const owner = await userCtx(db);
  const editor = await userCtx(db);
  const viewer = await userCtx(db);
  const outsider = await userCtx(db);
  const spare = await userCtx(db);
  const project = await createProject({
    ctx: owner,
    input: { name: "Apollo", description: "moon" },
  });
  await addMember({
    ctx: owner,
    projectId: project.id,
    input: { email: editor.actor.email, role: "editor" },
  });
  await addMember({
    ctx: owner,
    projectId: project.id,
    input: { email: viewer.actor.email, role: "viewer" },
  });
  return {
    project,
    as: { owner, editor, viewer, outsider } as Record<
      Who,
      Ctx & { actor: { userId: string; email: string } }
    >,
    spare,
  };
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) =>
      e instanceof AppError
        ? e.status
        : (() => {
            throw e;
          })(),
  );

describe("project services: authorization for every role", () => {
  const cases: [
    string,
    Record<Who, "ok" | number>,
    (t: Awaited<ReturnType<typeof team>>, who: Who) => Promise<unknown>,
  ][] = [
    [
      "read the project",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) => getProject({ ctx: t.as[w], id: t.project.id }),
    ],
    [
      "rename it",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) => updateProject({ ctx: t.as[w], id: t.project.id, input: { name: "Artemis" } }),
    ],
    [
      "archive it",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) => updateProject({ ctx: t.as[w], id: t.project.id, input: { archived: true } }),
    ],
    [
      "invite a member",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) =>
        addMember({ ctx: t.as[w], projectId: t.project.id, input: { email: t.spare.actor.email } }),
    ],
    [
      "change a role",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) =>
        updateMember({
          ctx: t.as[w],
          projectId: t.project.id,
          userId: t.as.viewer.actor.userId,
          input: { role: "editor" },
        }),
    ],
    [
      "remove another member",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) =>
        removeMember({
          ctx: t.as[w],
          projectId: t.project.id,
          userId:
            t.as.viewer.actor.userId === t.as[w].actor.userId
              ? t.as.editor.actor.userId
              : t.as.viewer.actor.userId,
        }),
    ],
    [
      "delete it",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) => deleteProject({ ctx: t.as[w], id: t.project.id, input: { confirm: "Apollo" } }),
    ],
  ];
  for (const [what, expected, run] of cases) {
    for (const who of ["owner", "editor", "viewer", "outsider"] as const) {
      dbTest(`${who} may ${what}: ${expected[who]}`, async ({ db }) => {
        const t = await team(db);
        expect(await outcome(run(t, who))).toBe(expected[who]);
      });
    }
  }
});

describe("project services: rules and bad input", () => {
  dbTest(
    "the last owner cannot leave or be demoted; with a second owner they can",
    async ({ db }) => {
      const t = await team(db);
      const { owner, editor } = t.as;
      const err = (await removeMember({
        ctx: owner,
        projectId: t.project.id,
        userId: owner.actor.userId,
      }).catch((e: unknown) => e)) as AppError;
      expect(err).toMatchObject({
        code: "conflict",
        message: expect.stringContaining("last owner"),
      });
      await expect(
        updateMember({
          ctx: owner,
          projectId: t.project.id,
          userId: owner.actor.userId,
          input: { role: "editor" },
        }),
      ).rejects.toMatchObject({ code: "conflict" });
      await updateMember({
        ctx: owner,
        projectId: t.project.id,
        userId: editor.actor.userId,
        input: { role: "owner" },
      });
      await removeMember({ ctx: owner, projectId: t.project.id, userId: owner.actor.userId });
      expect(await outcome(getProject({ ctx: owner, id: t.project.id }))).toBe(404);
    },
  );

  dbTest("a viewer may leave on their own", async ({ db }) => {
    const t = await team(db);
    await removeMember({
      ctx: t.as.viewer,
      projectId: t.project.id,
      userId: t.as.viewer.actor.userId,
    });
    const { members } = await getProject({ ctx: t.as.owner, id: t.project.id });
    expect(members.map((m) => m.role)).toEqual(["owner", "editor"]);
  });

  dbTest(
    "invites: unknown email → 422 on email, twice → 409; delete needs the exact name",
    async ({ db }) => {
      const t = await team(db);
      const unknown = (await addMember({
        ctx: t.as.owner,
        projectId: t.project.id,
        input: { email: "nobody@example.com" },
      }).catch((e: unknown) => e)) as AppError;
      expect(unknown).toMatchObject({
        code: "validation",
        details: {
          fields: [
            { field: "email", message: expect.stringContaining("not the email of an active user") },
          ],
        },
      });
      await expect(
        addMember({
          ctx: t.as.owner,
          projectId: t.project.id,
          input: { email: t.as.editor.actor.email.toUpperCase() },
        }),
      ).rejects.toMatchObject({ code: "conflict" });
      await expect(
        deleteProject({ ctx: t.as.owner, id: t.project.id, input: { confirm: "apollo" } }),
      ).rejects.toMatchObject({ code: "validation", details: { fields: [{ field: "confirm" }] } });
      expect(await outcome(getProject({ ctx: t.as.owner, id: t.project.id }))).toBe("ok");
    },
  );

  dbTest(
    "malformed and unknown ids are 404 like another user's; a read-only key cannot write",
    async ({ db }) => {
      const owner = await userCtx(db);
      for (const id of [
        "nope",
        "00000000-0000-4000-8000-000000000000",
        "'; drop table projects; --",
      ]) {
        expect(await outcome(getProject({ ctx: owner, id }))).toBe(404);
      }
      const readOnly = await userCtx(db, { scopes: ["read"] });
      const err = (await createProject({
        ctx: { ...readOnly, actor: { ...readOnly.actor, via: "api_key" } },
        input: { name: "x" },
      }).catch((e: unknown) => e)) as AppError;
      expect(err).toMatchObject({ status: 403, message: expect.stringContaining('"write" scope') });
      await expect(createProject({ ctx: owner, input: { name: "  " } })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ["name"] })],
      });
    },
  );

  dbTest(
    "list: only your projects, search, archived filter, paging; archive and restore are audited",
    async ({ db }) => {
      const me = await userCtx(db);
      const other = await userCtx(db);
      await createProject({ ctx: other, input: { name: "Not mine" } });
      for (const name of ["Alpha", "Beta", "Gamma", "Alphabet 100%"])
        await createProject({ ctx: me, input: { name } });
      const all = await listProjects({ ctx: me, input: {} });
      expect(all.total).toBe(4);
      expect(all.projects.every((p) => p.role === "owner" && p.memberCount === 1)).toBe(true);
      expect(
        (await listProjects({ ctx: me, input: { q: "alpha" } })).projects.map((p) => p.name).sort(),
      ).toEqual(["Alpha", "Alphabet 100%"]);
      expect(
        (await listProjects({ ctx: me, input: { q: "100%" } })).projects.map((p) => p.name),
      ).toEqual(["Alphabet 100%"]);
      const page2 = await listProjects({ ctx: me, input: { pageSize: 3, page: 2 } });
      expect(page2).toMatchObject({ total: 4, page: 2 });
      expect(page2.projects).toHaveLength(1);
      const beta = all.projects.find((p) => p.name === "Beta")!;
      await updateProject({ ctx: me, id: beta.id, input: { archived: true } });
      expect((await listProjects({ ctx: me, input: {} })).total).toBe(3);
      expect(
        (await listProjects({ ctx: me, input: { status: "archived" } })).projects.map(
          (p) => p.name,
        ),
      ).toEqual(["Beta"]);
      await updateProject({ ctx: me, id: beta.id, input: { archived: false } });
      const actions = (
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.targetId, beta.id)))
      )
        .map((r) => r.action)
        .sort();
      expect(actions).toEqual(["project.archive", "project.create", "project.unarchive"]);
    },
  );
});

describe("project routes", () => {
  dbTest(
    "create 201, read, invite, another user's id 404, delete 204 with the exact error bodies",
    async () => {
      const { POST: create, GET: list } = await import("@/app/api/projects/route");
      const { GET: read, DELETE: remove } = await import("@/app/api/projects/[id]/route");
      const { POST: invite } = await import("@/app/api/projects/[id]/members/route");
      const { signedInUser } = await import("../helpers/auth");
      const { call } = await import("../helpers/http");
      const owner = await signedInUser("p-owner");
      const other = await signedInUser("p-other");

      const created = await call(create, "/api/projects", {
        json: { name: "Routes", description: "via HTTP" },
        cookie: owner.cookie,
      });
      expect(created.status).toBe(201);
      const { project } = await created.json();
      expect(project).toMatchObject({
        name: "Routes",
        role: "owner",
        memberCount: 1,
        archivedAt: null,
      });

      const bad = await call(create, "/api/projects", {
        json: { name: "", extra: 1 },
        cookie: owner.cookie,
      });
      expect(bad.status).toBe(422);
      expect(
        (await bad.json()).error.details.fields.map((f: { field: string }) => f.field).sort(),
      ).toEqual(["extra", "name"]); // the unknown key is named itself

      const params = { id: project.id };
      expect(
        (await call(read, `/api/projects/${project.id}`, { cookie: other.cookie, params })).status,
      ).toBe(404);
      expect(
        await (
          await call(read, `/api/projects/${project.id}`, { cookie: other.cookie, params })
        ).json(),
      ).toEqual({ error: { code: "not_found", message: "Project not found." } });
      expect(
        (await (await call(list, "/api/projects", { cookie: other.cookie })).json()).total,
      ).toBe(0);

      const invited = await call(invite, `/api/projects/${project.id}/members`, {
        json: { email: other.email, role: "viewer" },
        cookie: owner.cookie,
        params,
      });
      expect(invited.status).toBe(201);
      expect((await invited.json()).members.map((m: { role: string }) => m.role)).toEqual([
        "owner",
        "viewer",
      ]);
      expect(
        (await call(read, `/api/projects/${project.id}`, { cookie: other.cookie, params })).status,
      ).toBe(200);
      const viewerDelete = await call(remove, `/api/projects/${project.id}`, {
        method: "DELETE",
        json: { confirm: "Routes" },
        cookie: other.cookie,
        params,
      });
      expect(viewerDelete.status).toBe(403);

      expect(
        (
          await call(remove, `/api/projects/${project.id}`, {
            method: "DELETE",
            json: { confirm: "Routes" },
            cookie: owner.cookie,
            params,
          })
        ).status,
      ).toBe(204);
      expect(
        (await call(read, `/api/projects/${project.id}`, { cookie: owner.cookie, params })).status,
      ).toBe(404);
    },
  );
});
