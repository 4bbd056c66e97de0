import { describe, expect } from "vitest";
import type { Db } from "@/db/client";
import {
  createDocument,
  deleteDocument,
  getDocument,
  listDocuments,
  updateDocument,
} from "@/lib/documents";
import { DocumentOutput, ListDocumentsOutput } from "@/lib/documents/schemas";
import { plainText } from "@/lib/documents/text";
import type { AppError } from "@/lib/errors";
import { createProject } from "@/lib/projects";
import { dbTest } from "../helpers/db";
import { outcome, projectTeam } from "../helpers/team";

const doc = (...paragraphs: string[]) => ({
  type: "doc" as const,
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

const team = (db: Db) => projectTeam(db, "Docs");

describe("documents", () => {
  dbTest(
    "who may do what: members read, editors and owners write, outsiders see nothing",
    async ({ db }) => {
      const t = await team(db);
      const projectId = t.project.id;
      const { document: d } = await createDocument({
        ctx: t.editor,
        input: { projectId, title: "Plan", content: doc("hello") },
      });
      const table = {
        read: (who: typeof t.owner) =>
          getDocument({ ctx: who, input: { projectId, documentId: d.id } }),
        create: (who: typeof t.owner) => createDocument({ ctx: who, input: { projectId } }),
        save: async (who: typeof t.owner) =>
          updateDocument({
            ctx: who,
            input: {
              projectId,
              documentId: d.id,
              version: (await getDocument({ ctx: t.owner, input: { projectId, documentId: d.id } }))
                .document.version,
              title: "x",
            },
          }),
      };
      expect(
        await Promise.all(
          [t.owner, t.editor, t.viewer, t.outsider].map((w) => outcome(table.read(w))),
        ),
      ).toEqual(["ok", "ok", "ok", 404]);
      expect(
        await Promise.all(
          [t.owner, t.editor, t.viewer, t.outsider].map((w) => outcome(table.create(w))),
        ),
      ).toEqual(["ok", "ok", 403, 404]);
      for (const [who, expected] of [
        [t.owner, "ok"],
        [t.editor, "ok"],
        [t.viewer, 403],
        [t.outsider, 404],
      ] as const)
        expect(await outcome(table.save(who))).toBe(expected);
      expect(
        await outcome(deleteDocument({ ctx: t.viewer, input: { projectId, documentId: d.id } })),
      ).toBe(403);
      expect(
        await outcome(deleteDocument({ ctx: t.editor, input: { projectId, documentId: d.id } })),
      ).toBe("ok");
    },
  );

  dbTest("results match their output schemas exactly", async ({ db }) => {
    const t = await team(db);
    const projectId = t.project.id;
    const created = await createDocument({
      ctx: t.editor,
      input: { projectId, title: "Log", content: doc("day one") },
    });
    expect(DocumentOutput.parse(created)).toEqual(created);
    expect(created.document).toMatchObject({ projectId, title: "Log", version: 1 });
    const documentId = created.document.id;
    const read = await getDocument({ ctx: t.viewer, input: { projectId, documentId } });
    expect(DocumentOutput.parse(read)).toEqual(read);
    expect(read).toEqual(created);
    const saved = await updateDocument({
      ctx: t.owner,
      input: { projectId, documentId, version: 1, content: doc("day two") },
    });
    expect(DocumentOutput.parse(saved)).toEqual(saved);
    expect(saved.document).toMatchObject({ version: 2, excerpt: "day two" });
    const listed = await listDocuments({ ctx: t.viewer, input: { projectId } });
    expect(ListDocumentsOutput.parse(listed)).toEqual(listed);
    expect(listed).toMatchObject({ total: 1, documents: [{ id: documentId, version: 2 }] });
  });

  dbTest("a stale save gets 409 with the current version and changes nothing", async ({ db }) => {
    const t = await team(db);
    const projectId = t.project.id;
    const { document: d } = await createDocument({
      ctx: t.owner,
      input: { projectId, title: "Shared", content: doc("v1") },
    });
    const { document: a } = await updateDocument({
      ctx: t.owner,
      input: { projectId, documentId: d.id, version: 1, content: doc("owner's edit") },
    });
    expect(a.version).toBe(2);
    const err = (await updateDocument({
      ctx: t.editor,
      input: { projectId, documentId: d.id, version: 1, content: doc("editor's stale edit") },
    }).catch((e: unknown) => e)) as AppError;
    expect(err).toMatchObject({ status: 409, code: "conflict", details: { currentVersion: 2 } });
    expect(
      (await getDocument({ ctx: t.viewer, input: { projectId, documentId: d.id } })).document
        .excerpt,
    ).toBe("owner's edit");
  });

  dbTest(
    "full-text search over title and body; a document id of another project is 404",
    async ({ db }) => {
      const t = await team(db);
      const projectId = t.project.id;
      await createDocument({
        ctx: t.owner,
        input: {
          projectId,
          title: "Rocket engines",
          content: doc("Liquid oxygen and kerosene"),
        },
      });
      await createDocument({
        ctx: t.owner,
        input: { projectId, title: "Budget", content: doc("Quarterly numbers for the launch") },
      });
      const find = async (q: string) =>
        (await listDocuments({ ctx: t.viewer, input: { projectId, q } })).documents.map(
          (d) => d.title,
        );
      expect(await find("kerosene")).toEqual(["Rocket engines"]);
      expect(await find("launch")).toEqual(["Budget"]);
      expect(await find("rocket -kerosene")).toEqual([]);
      expect((await find("")).length).toBe(2);
      const { project: other } = await createProject({ ctx: t.outsider, input: { name: "Other" } });
      const { document: foreign } = await createDocument({
        ctx: t.outsider,
        input: { projectId: other.id, title: "Secret" },
      });
      expect(
        await outcome(getDocument({ ctx: t.owner, input: { projectId, documentId: foreign.id } })),
      ).toBe(404);
    },
  );

  dbTest(
    "bad content is refused with the field named; an over-size body is 413",
    async ({ db }) => {
      const t = await team(db);
      const projectId = t.project.id;
      await expect(
        createDocument({
          ctx: t.owner,
          input: { projectId, content: { type: "paragraph" } },
        }),
      ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["content", "type"] })] });
      const huge = doc("x".repeat(1_100_000));
      const err = (await createDocument({
        ctx: t.owner,
        input: { projectId, content: huge },
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
