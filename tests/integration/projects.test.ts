import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { AppError } from "@/lib/errors";
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
import {
  DeleteProjectOutput,
  GetProjectOutput,
  ListProjectsOutput,
  MembersOutput,
  ProjectOutput,
} from "@/lib/projects/schemas";
import { dbTest, userCtx } from "../helpers/db";
import { outcome, projectTeam, WHO, type ProjectTeam, type Who } from "../helpers/team";

/** The deletion cases type the project's exact name. */
const team = (db: Db) => projectTeam(db, "Apollo", "moon");

describe("project services: authorization for every role", () => {
  const cases: [
    string,
    Record<Who, "ok" | number>,
    (t: ProjectTeam, who: Who) => Promise<unknown>,
  ][] = [
    [
      "read the project",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) => getProject({ ctx: t.as[w], input: { id: t.project.id } }),
    ],
    [
      "rename it",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) => updateProject({ ctx: t.as[w], input: { id: t.project.id, name: "Artemis" } }),
    ],
    [
      "archive it",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) => updateProject({ ctx: t.as[w], input: { id: t.project.id, archived: true } }),
    ],
    [
      "invite a member",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) =>
        addMember({
          ctx: t.as[w],
          input: { projectId: t.project.id, email: t.spare.actor.email },
        }),
    ],
    [
      "change a role",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) =>
        updateMember({
          ctx: t.as[w],
          input: { projectId: t.project.id, userId: t.viewer.actor.userId, role: "editor" },
        }),
    ],
    [
      "remove another member",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) =>
        removeMember({
          ctx: t.as[w],
          input: {
            projectId: t.project.id,
            userId:
              t.viewer.actor.userId === t.as[w].actor.userId
                ? t.editor.actor.userId
                : t.viewer.actor.userId,
          },
        }),
    ],
    [
      "delete it",
      { owner: "ok", editor: 403, viewer: 403, outsider: 404 },
      (t, w) => deleteProject({ ctx: t.as[w], input: { id: t.project.id, confirm: "Apollo" } }),
    ],
  ];
  for (const [what, expected, run] of cases) {
    for (const who of WHO) {
      dbTest(`${who} may ${what}: ${expected[who]}`, async ({ db }) => {
        const t = await team(db);
        expect(await outcome(run(t, who))).toBe(expected[who]);
      });
    }
  }
});

describe("project services: results match their output schemas exactly", () => {
  dbTest("create, read, update, invite, change a role, delete", async ({ db }) => {
    const t = await team(db);
    const created = await createProject({ ctx: t.owner, input: { name: "Gemini" } });
    expect(ProjectOutput.parse(created)).toEqual(created);
    expect(created.project).toMatchObject({ name: "Gemini", role: "owner", memberCount: 1 });
    const read = await getProject({ ctx: t.viewer, input: { id: t.project.id } });
    expect(GetProjectOutput.parse(read)).toEqual(read);
    expect(read.project).toMatchObject({ id: t.project.id, role: "viewer", memberCount: 3 });
    const renamed = await updateProject({
      ctx: t.editor,
      input: { id: t.project.id, description: "to the moon" },
    });
    expect(ProjectOutput.parse(renamed)).toEqual(renamed);
    expect(renamed.project).toMatchObject({ description: "to the moon", role: "editor" });
    const invited = await addMember({
      ctx: t.owner,
      input: { projectId: t.project.id, email: t.spare.actor.email, role: "editor" },
    });
    expect(MembersOutput.parse(invited)).toEqual(invited);
    expect(invited.members.map((m) => m.role)).toEqual(["owner", "editor", "editor", "viewer"]);
    const changed = await updateMember({
      ctx: t.owner,
      input: { projectId: t.project.id, userId: t.spare.actor.userId, role: "viewer" },
    });
    expect(MembersOutput.parse(changed)).toEqual(changed);
    const listed = await listProjects({ ctx: t.owner, input: {} });
    expect(ListProjectsOutput.parse(listed)).toEqual(listed);
    const deleted = await deleteProject({
      ctx: t.owner,
      input: { id: t.project.id, confirm: "Apollo" },
    });
    expect(DeleteProjectOutput.parse(deleted)).toEqual(deleted);
    expect(deleted).toEqual({ deleted: { id: t.project.id, name: "Apollo" } });
  });
});

describe("project services: rules and bad input", () => {
  dbTest(
    "the last owner cannot leave or be demoted; with a second owner they can",
    async ({ db }) => {
      const t = await team(db);
      const { owner, editor } = t;
      const projectId = t.project.id;
      const err = (await removeMember({
        ctx: owner,
        input: { projectId, userId: owner.actor.userId },
      }).catch((e: unknown) => e)) as AppError;
      expect(err).toMatchObject({
        code: "conflict",
        message: expect.stringContaining("last owner"),
      });
      await expect(
        updateMember({
          ctx: owner,
          input: { projectId, userId: owner.actor.userId, role: "editor" },
        }),
      ).rejects.toMatchObject({ code: "conflict" });
      await updateMember({
        ctx: owner,
        input: { projectId, userId: editor.actor.userId, role: "owner" },
      });
      await removeMember({ ctx: owner, input: { projectId, userId: owner.actor.userId } });
      expect(await outcome(getProject({ ctx: owner, input: { id: projectId } }))).toBe(404);
    },
  );

  dbTest("a viewer may leave on their own", async ({ db }) => {
    const t = await team(db);
    await removeMember({
      ctx: t.viewer,
      input: { projectId: t.project.id, userId: t.viewer.actor.userId },
    });
    const { members } = await getProject({ ctx: t.owner, input: { id: t.project.id } });
    expect(members.map((m) => m.role)).toEqual(["owner", "editor"]);
  });

  dbTest(
    "invites: unknown email → 422 on email, twice → 409; delete needs the exact name",
    async ({ db }) => {
      const t = await team(db);
      const unknown = (await addMember({
        ctx: t.owner,
        input: { projectId: t.project.id, email: "nobody@example.com" },
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
          ctx: t.owner,
          input: { projectId: t.project.id, email: t.editor.actor.email.toUpperCase() },
        }),
      ).rejects.toMatchObject({ code: "conflict" });
      await expect(
        deleteProject({ ctx: t.owner, input: { id: t.project.id, confirm: "apollo" } }),
      ).rejects.toMatchObject({ code: "validation", details: { fields: [{ field: "confirm" }] } });
      expect(await outcome(getProject({ ctx: t.owner, input: { id: t.project.id } }))).toBe("ok");
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
        expect(await outcome(getProject({ ctx: owner, input: { id } }))).toBe(404);
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
      await updateProject({ ctx: me, input: { id: beta.id, archived: true } });
      expect((await listProjects({ ctx: me, input: {} })).total).toBe(3);
      expect(
        (await listProjects({ ctx: me, input: { status: "archived" } })).projects.map(
          (p) => p.name,
        ),
      ).toEqual(["Beta"]);
      await updateProject({ ctx: me, input: { id: beta.id, archived: false } });
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
