import { describe, expect } from "vitest";
import { dbTest } from "../helpers/db";

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
