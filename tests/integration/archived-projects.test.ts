import { describe, expect } from "vitest";
import {
  createDatabase,
  createRecord,
  deleteRecord,
  dropDatabase,
  exportRecords,
  getDatabase,
  importRecords,
  listDatabases,
  listRecords,
  manageSchema,
  updateRecord,
} from "@/lib/databases";
import {
  createDocument,
  deleteDocument,
  getDocument,
  listDocuments,
  updateDocument,
} from "@/lib/documents";
import {
  addMember,
  deleteProject,
  getProject,
  removeMember,
  updateMember,
  updateProject,
} from "@/lib/projects";
import { dbTest } from "../helpers/db";
import { crewDatabase, err } from "../helpers/databases";

/**
 * An archived project is read-only: nothing new goes into it and nothing in it changes until an
 * owner restores it. What stays possible: reading, restoring, deleting it, and members leaving
 * or being removed or re-roled (tidying up who can see it).
 */
describe("archived projects are read-only", () => {
  dbTest(
    "every content write is refused with 409; reads and tidying still work",
    async ({ db }) => {
      const t = await crewDatabase(db);
      const { project, owner, viewer } = t;
      const { document } = await createDocument({
        ctx: owner,
        input: { projectId: project.id, title: "Plan" },
      });
      const doc = { projectId: project.id, documentId: document.id };
      const rec = await t.add({ [t.f.Name]: "Ada" });
      await updateProject({ ctx: owner, input: { id: project.id, archived: true } });

      const writes: [string, () => Promise<unknown>][] = [
        [
          "create a document",
          () => createDocument({ ctx: owner, input: { projectId: project.id } }),
        ],
        [
          "edit a document",
          () => updateDocument({ ctx: owner, input: { ...doc, version: 1, title: "X" } }),
        ],
        ["delete a document", () => deleteDocument({ ctx: owner, input: doc })],
        [
          "create a database",
          () => createDatabase({ ctx: owner, input: { projectId: project.id, name: "New" } }),
        ],
        [
          "add a record",
          () => createRecord({ ctx: owner, input: { ...t.ref, data: { [t.f.Name]: "Bo" } } }),
        ],
        [
          "edit a record",
          () =>
            updateRecord({
              ctx: owner,
              input: { ...t.ref, recordId: rec.id, data: { [t.f.Age]: "3" } },
            }),
        ],
        [
          "delete a record",
          () => deleteRecord({ ctx: owner, input: { ...t.ref, recordId: rec.id } }),
        ],
        [
          "change the schema",
          () =>
            manageSchema({
              ctx: owner,
              input: { ...t.ref, change: { op: "rename_database", name: "Crew 2" } },
            }),
        ],
        [
          "import records",
          () =>
            importRecords({
              ctx: owner,
              input: { ...t.ref, format: "csv", content: "Name\nCy\n" },
            }),
        ],
        ["drop a database", () => dropDatabase({ ctx: owner, input: t.ref })],
        [
          "invite a member",
          () =>
            addMember({
              ctx: owner,
              input: { projectId: project.id, email: t.outsider.actor.email, role: "viewer" },
            }),
        ],
        [
          "rename the project",
          () => updateProject({ ctx: owner, input: { id: project.id, name: "Renamed" } }),
        ],
      ];
      for (const [what, write] of writes) {
        const e = await err(write());
        expect(e, what).toMatchObject({ code: "conflict", status: 409 });
        expect(e?.message, what).toBe("This project is archived; restore it to change it.");
      }
      // A viewer still hears that they lack the role (403), not about the archive.
      expect(
        (await err(createDocument({ ctx: viewer, input: { projectId: project.id } })))?.status,
      ).toBe(403);

      // Nothing changed, and every read still works.
      expect((await getProject({ ctx: viewer, input: { id: project.id } })).project.name).toBe(
        "Data",
      );
      expect((await getDocument({ ctx: viewer, input: doc })).document.title).toBe("Plan");
      expect((await listDocuments({ ctx: viewer, input: { projectId: project.id } })).total).toBe(
        1,
      );
      expect(
        (await listDatabases({ ctx: viewer, input: { projectId: project.id } })).databases,
      ).toHaveLength(1);
      expect((await getDatabase({ ctx: viewer, input: t.ref })).database.recordCount).toBe(1);
      expect((await listRecords({ ctx: viewer, input: t.ref })).total).toBe(1);
      expect(
        (await exportRecords({ ctx: viewer, input: { ...t.ref, format: "json" } })).body,
      ).toContain("Ada");

      // Tidying up who can see it stays possible.
      await updateMember({
        ctx: owner,
        input: { projectId: project.id, userId: viewer.actor.userId, role: "editor" },
      });
      await removeMember({
        ctx: owner,
        input: { projectId: project.id, userId: viewer.actor.userId },
      });

      // Restored, it takes writes again.
      await updateProject({ ctx: owner, input: { id: project.id, archived: false } });
      await createDocument({ ctx: owner, input: { projectId: project.id } });
      await createRecord({ ctx: owner, input: { ...t.ref, data: { [t.f.Name]: "Bo" } } });
    },
  );

  dbTest(
    "an owner can delete an archived project, and rename it while restoring it",
    async ({ db }) => {
      const t = await crewDatabase(db);
      await updateProject({ ctx: t.owner, input: { id: t.project.id, archived: true } });
      const restored = await updateProject({
        ctx: t.owner,
        input: { id: t.project.id, archived: false, name: "Back" },
      });
      expect(restored.project).toMatchObject({ name: "Back", archivedAt: null });
      await updateProject({ ctx: t.owner, input: { id: t.project.id, archived: true } });
      await deleteProject({ ctx: t.owner, input: { id: t.project.id, confirm: "Back" } });
      expect((await err(getProject({ ctx: t.owner, input: { id: t.project.id } })))?.status).toBe(
        404,
      );
    },
  );
});
