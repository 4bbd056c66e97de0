import { describe, expect } from "vitest";
import type { Db } from "@/db/client";
import {
  createDocument,
  deleteDocument,
  getDocument,
  listDocuments,
  updateDocument,
} from "@/lib/documents";
import { plainText } from "@/lib/documents/text";
import { AppError } from "@/lib/errors";
import { addMember, createProject } from "@/lib/projects";
import { dbTest, userCtx } from "../helpers/db";

const doc = (...paragraphs: string[]) => ({
  type: "doc" as const,
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

async function team(db: Db) {
  const owner = await userCtx(db);
  const editor = await userCtx(db);
  const viewer = await userCtx(db);
  const outsider = await userCtx(db);
  const project = await createProject({ ctx: owner, input: { name: "Docs" } });
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
  return { project, owner, editor, viewer, outsider };
}

const status = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.status : Promise.reject(e)),
  );

describe("documents", () => {
  dbTest(
    "who may do what: members read, editors and owners write, outsiders see nothing",
    async ({ db }) => {
      const t = await team(db);
      const d = await createDocument({
        ctx: t.editor,
        projectId: t.project.id,
        input: { title: "Plan", content: doc("hello") },
      });
      const table = {
        read: (who: typeof t.owner) => getDocument({ ctx: who, projectId: t.project.id, id: d.id }),
        create: (who: typeof t.owner) =>
          createDocument({ ctx: who, projectId: t.project.id, input: {} }),
        save: async (who: typeof t.owner) =>
          updateDocument({
            ctx: who,
            projectId: t.project.id,
            id: d.id,
            input: {
              version: (await getDocument({ ctx: t.owner, projectId: t.project.id, id: d.id }))
                .version,
              title: "x",
            },
          }),
      };
      expect(
        await Promise.all(
          [t.owner, t.editor, t.viewer, t.outsider].map((w) => status(table.read(w))),
        ),
      ).toEqual(["ok", "ok", "ok", 404]);
      expect(
        await Promise.all(
          [t.owner, t.editor, t.viewer, t.outsider].map((w) => status(table.create(w))),
        ),
      ).toEqual(["ok", "ok", 403, 404]);
      for (const [who, expected] of [
        [t.owner, "ok"],
        [t.editor, "ok"],
        [t.viewer, 403],
        [t.outsider, 404],
      ] as const)
        expect(await status(table.save(who))).toBe(expected);
      expect(
        await status(deleteDocument({ ctx: t.viewer, projectId: t.project.id, id: d.id })),
      ).toBe(403);
      expect(
        await status(deleteDocument({ ctx: t.editor, projectId: t.project.id, id: d.id })),
      ).toBe("ok");
    },
  );

  dbTest("a stale save gets 409 with the current version and changes nothing", async ({ db }) => {
    const t = await team(db);
    const d = await createDocument({
      ctx: t.owner,
      projectId: t.project.id,
      input: { title: "Shared", content: doc("v1") },
    });
    const a = await updateDocument({
      ctx: t.owner,
      projectId: t.project.id,
      id: d.id,
      input: { version: 1, content: doc("owner's edit") },
    });
    expect(a.version).toBe(2);
    const err = (await updateDocument({
      ctx: t.editor,
      projectId: t.project.id,
      id: d.id,
      input: { version: 1, content: doc("editor's stale edit") },
    }).catch((e: unknown) => e)) as AppError;
    expect(err).toMatchObject({ status: 409, code: "conflict", details: { currentVersion: 2 } });
    expect((await getDocument({ ctx: t.viewer, projectId: t.project.id, id: d.id })).excerpt).toBe(
      "owner's edit",
    );
  });

  dbTest(
    "full-text search over title and body; a document id of another project is 404",
    async ({ db }) => {
      const t = await team(db);
      await createDocument({
        ctx: t.owner,
        projectId: t.project.id,
        input: { title: "Rocket engines", content: doc("Liquid oxygen and kerosene") },
      });
      await createDocument({
        ctx: t.owner,
        projectId: t.project.id,
        input: { title: "Budget", content: doc("Quarterly numbers for the launch") },
      });
      const find = async (q: string) =>
        (
          await listDocuments({ ctx: t.viewer, projectId: t.project.id, input: { q } })
        ).documents.map((d) => d.title);
      expect(await find("kerosene")).toEqual(["Rocket engines"]);
      expect(await find("launch")).toEqual(["Budget"]);
      expect(await find("rocket -kerosene")).toEqual([]);
      expect((await find("")).length).toBe(2);
      const other = await createProject({ ctx: t.outsider, input: { name: "Other" } });
      const foreign = await createDocument({
        ctx: t.outsider,
        projectId: other.id,
        input: { title: "Secret" },
      });
      expect(
        await status(getDocument({ ctx: t.owner, projectId: t.project.id, id: foreign.id })),
      ).toBe(404);
    },
  );

  dbTest(
    "bad content is refused with the field named; an over-size body is 413",
    async ({ db }) => {
      const t = await team(db);
      await expect(
        createDocument({
          ctx: t.owner,
          projectId: t.project.id,
          input: { content: { type: "paragraph" } },
        }),
      ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["content", "type"] })] });
      const huge = doc("x".repeat(1_100_000));
      const err = (await createDocument({
        ctx: t.owner,
        projectId: t.project.id,
        input: { content: huge },
      }).catch((e: unknown) => e)) as AppError;
      expect(err).toMatchObject({ status: 413, details: { fields: [{ field: "content" }] } });
    },
  );

  dbTest("plain text keeps one line per block", () => {
    expect(
      plainText({
        content: [
          { type: "heading", content: [{ type: "text", text: "Title" }] },
          {
            type: "bulletList",
            content: [
              {
                type: "listItem",
                content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }],
              },
              {
                type: "listItem",
                content: [{ type: "paragraph", content: [{ type: "text", text: "two" }] }],
              },
            ],
          },
          {
            type: "paragraph",
            content: [
              { type: "text", text: "bold" },
              { type: "text", text: " and plain" },
            ],
          },
        ],
      }),
    ).toBe("Title\none\ntwo\nbold and plain");
  });
});
