import { describe, expect } from "vitest";
import type { Db } from "@/db/client";
import type { Ctx } from "@/lib/context";
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
import { AppError } from "@/lib/errors";
import { addMember, createProject } from "@/lib/projects";
import { dbTest, userCtx } from "../helpers/db";

type Who = "owner" | "editor" | "viewer" | "outsider";
const WHO: Who[] = ["owner", "editor", "viewer", "outsider"];

async function setup(db: Db) {
  const owner = await userCtx(db);
  const editor = await userCtx(db);
  const viewer = await userCtx(db);
  const outsider = await userCtx(db);
  const project = await createProject({ ctx: owner, input: { name: "Access" } });
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
  const database = await createDatabase({
    ctx: owner,
    projectId: project.id,
    input: { name: "Items", fields: [{ name: "Name", type: "text" }] },
  });
  const name = database.fields[0]!.id;
  const record = await createRecord({
    ctx: owner,
    projectId: project.id,
    databaseId: database.id,
    input: { data: { [name]: "first" } },
  });
  // The outsider's own project and database: real ids that must not open anything of the first project.
  const theirs = await createProject({ ctx: outsider, input: { name: "Theirs" } });
  const theirDb = await createDatabase({
    ctx: outsider,
    projectId: theirs.id,
    input: { name: "Secret", fields: [{ name: "Name", type: "text" }] },
  });
  const theirRecord = await createRecord({
    ctx: outsider,
    projectId: theirs.id,
    databaseId: theirDb.id,
    input: { data: { [theirDb.fields[0]!.id]: "secret" } },
  });
  return {
    as: { owner, editor, viewer, outsider } as Record<Who, Ctx>,
    project,
    database,
    name,
    record,
    theirs,
    theirDb,
    theirRecord,
  };
}
type T = Awaited<ReturnType<typeof setup>>;

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok" as const,
    (e: unknown) => {
      if (e instanceof AppError) return e.status;
      throw e;
    },
  );

describe("databases: who may do what (services authorize themselves)", () => {
  const cases: [string, Record<Who, "ok" | number>, (t: T, w: Who) => Promise<unknown>][] = [
    [
      "list databases",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) => listDatabases({ ctx: t.as[w], projectId: t.project.id }),
    ],
    [
      "read a database",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) => getDatabase({ ctx: t.as[w], projectId: t.project.id, id: t.database.id }),
    ],
    [
      "create a database",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        createDatabase({ ctx: t.as[w], projectId: t.project.id, input: { name: `By ${w}` } }),
    ],
    [
      "add a field",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        manageSchema({
          ctx: t.as[w],
          projectId: t.project.id,
          id: t.database.id,
          input: { op: "add_field", field: { name: `F ${w}`, type: "number" } },
        }),
    ],
    [
      "dry-run a type change",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        manageSchema({
          ctx: t.as[w],
          projectId: t.project.id,
          id: t.database.id,
          input: { op: "change_type", fieldId: t.name, type: "number" },
        }),
    ],
    [
      "list records",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) =>
        listRecords({
          ctx: t.as[w],
          projectId: t.project.id,
          databaseId: t.database.id,
          input: {},
        }),
    ],
    [
      "export records",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) =>
        exportRecords({
          ctx: t.as[w],
          projectId: t.project.id,
          databaseId: t.database.id,
          format: "csv",
        }),
    ],
    [
      "add a record",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        createRecord({
          ctx: t.as[w],
          projectId: t.project.id,
          databaseId: t.database.id,
          input: { data: {} },
        }),
    ],
    [
      "change a record",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        updateRecord({
          ctx: t.as[w],
          projectId: t.project.id,
          databaseId: t.database.id,
          id: t.record.id,
          input: { data: { [t.name]: w } },
        }),
    ],
    [
      "import records",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        importRecords({
          ctx: t.as[w],
          projectId: t.project.id,
          databaseId: t.database.id,
          input: { format: "csv", content: `Name\n${w}` },
        }),
    ],
    [
      "delete a record",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        deleteRecord({
          ctx: t.as[w],
          projectId: t.project.id,
          databaseId: t.database.id,
          id: t.record.id,
        }),
    ],
    [
      "drop the database",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) => dropDatabase({ ctx: t.as[w], projectId: t.project.id, id: t.database.id }),
    ],
  ];
  for (const [what, expected, run] of cases) {
    dbTest(what, async ({ db }) => {
      const got: Record<string, unknown> = {};
      // Each role on a fresh setup, so one role's write cannot change what the next one meets.
      for (const who of WHO) got[who] = await outcome(run(await setup(db), who));
      expect(got).toEqual(expected);
    });
  }

  dbTest(
    "another user's ids are 404 through any path, and nothing of theirs changes",
    async ({ db }) => {
      const t = await setup(db);
      const me = t.as.owner;
      const mine = { projectId: t.project.id };
      // One at a time: they share the test's transaction.
      const attempts: (() => Promise<unknown>)[] = [
        // Their database under my project, my database under their project, their record under my database.
        () => getDatabase({ ctx: me, ...mine, id: t.theirDb.id }),
        () => listRecords({ ctx: me, ...mine, databaseId: t.theirDb.id, input: {} }),
        () => exportRecords({ ctx: me, ...mine, databaseId: t.theirDb.id, format: "json" }),
        () =>
          manageSchema({
            ctx: me,
            ...mine,
            id: t.theirDb.id,
            input: { op: "drop_field", fieldId: t.theirDb.fields[0]!.id },
          }),
        () => dropDatabase({ ctx: me, ...mine, id: t.theirDb.id }),
        () => createRecord({ ctx: me, ...mine, databaseId: t.theirDb.id, input: { data: {} } }),
        () =>
          importRecords({
            ctx: me,
            ...mine,
            databaseId: t.theirDb.id,
            input: { format: "csv", content: "Name\nx" },
          }),
        () =>
          listRecords({ ctx: me, projectId: t.theirs.id, databaseId: t.database.id, input: {} }),
        () =>
          updateRecord({
            ctx: me,
            ...mine,
            databaseId: t.database.id,
            id: t.theirRecord.id,
            input: { data: { [t.name]: "pwned" } },
          }),
        () => deleteRecord({ ctx: me, ...mine, databaseId: t.database.id, id: t.theirRecord.id }),
        () =>
          updateRecord({
            ctx: me,
            ...mine,
            databaseId: t.database.id,
            id: "not-a-uuid",
            input: { data: {} },
          }),
        () => getDatabase({ ctx: me, ...mine, id: "../../etc" }),
      ];
      for (const attempt of attempts) expect(await outcome(attempt())).toBe(404);
      const still = await listRecords({
        ctx: t.as.outsider,
        projectId: t.theirs.id,
        databaseId: t.theirDb.id,
        input: {},
      });
      expect(still.records.map((r) => r.data)).toEqual([{ [t.theirDb.fields[0]!.id]: "secret" }]);
      expect(
        (await getDatabase({ ctx: t.as.outsider, projectId: t.theirs.id, id: t.theirDb.id }))
          .schemaVersion,
      ).toBe(1);
    },
  );

  dbTest("an API key's scopes bound it: read-only keys read but cannot write", async ({ db }) => {
    const t = await setup(db);
    const owner = t.as.owner as Ctx & { actor: { kind: "user"; scopes: string[] } };
    const readOnly = {
      ...owner,
      actor: { ...owner.actor, via: "api_key" as const, scopes: ["read" as const] },
    };
    expect(
      await outcome(
        listRecords({
          ctx: readOnly,
          projectId: t.project.id,
          databaseId: t.database.id,
          input: {},
        }),
      ),
    ).toBe("ok");
    expect(
      await outcome(
        createRecord({
          ctx: readOnly,
          projectId: t.project.id,
          databaseId: t.database.id,
          input: { data: {} },
        }),
      ),
    ).toBe(403);
    expect(
      await outcome(
        manageSchema({
          ctx: readOnly,
          projectId: t.project.id,
          id: t.database.id,
          input: { op: "rename_database", name: "x" },
        }),
      ),
    ).toBe(403);
  });
});
