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
import { createProject } from "@/lib/projects";
import { dbTest } from "../helpers/db";
import { outcome, projectTeam, WHO, type Who } from "../helpers/team";

async function setup(db: Db) {
  const team = await projectTeam(db, "Access");
  const { owner, outsider, project } = team;
  const { database } = await createDatabase({
    ctx: owner,
    input: { projectId: project.id, name: "Items", fields: [{ name: "Name", type: "text" }] },
  });
  const name = database.fields[0]!.id;
  const { record } = await createRecord({
    ctx: owner,
    input: { projectId: project.id, databaseId: database.id, data: { [name]: "first" } },
  });
  // The outsider's own project and database: real ids that must not open anything of the first project.
  const { project: theirs } = await createProject({ ctx: outsider, input: { name: "Theirs" } });
  const { database: theirDb } = await createDatabase({
    ctx: outsider,
    input: { projectId: theirs.id, name: "Secret", fields: [{ name: "Name", type: "text" }] },
  });
  const { record: theirRecord } = await createRecord({
    ctx: outsider,
    input: {
      projectId: theirs.id,
      databaseId: theirDb.id,
      data: { [theirDb.fields[0]!.id]: "secret" },
    },
  });
  return {
    as: team.as,
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
/** The ids of the setup's database, as every database service input names them. */
const ref = (t: T) => ({ projectId: t.project.id, databaseId: t.database.id });

describe("databases: who may do what (services authorize themselves)", () => {
  const cases: [string, Record<Who, "ok" | number>, (t: T, w: Who) => Promise<unknown>][] = [
    [
      "list databases",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) => listDatabases({ ctx: t.as[w], input: { projectId: t.project.id } }),
    ],
    [
      "read a database",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) => getDatabase({ ctx: t.as[w], input: ref(t) }),
    ],
    [
      "create a database",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        createDatabase({ ctx: t.as[w], input: { projectId: t.project.id, name: `By ${w}` } }),
    ],
    [
      "add a field",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        manageSchema({
          ctx: t.as[w],
          input: {
            ...ref(t),
            change: { op: "add_field", field: { name: `F ${w}`, type: "number" } },
          },
        }),
    ],
    [
      "dry-run a type change",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        manageSchema({
          ctx: t.as[w],
          input: { ...ref(t), change: { op: "change_type", fieldId: t.name, type: "number" } },
        }),
    ],
    [
      "list records",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) => listRecords({ ctx: t.as[w], input: ref(t) }),
    ],
    [
      "export records",
      { owner: "ok", editor: "ok", viewer: "ok", outsider: 404 },
      (t, w) => exportRecords({ ctx: t.as[w], input: { ...ref(t), format: "csv" } }),
    ],
    [
      "add a record",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) => createRecord({ ctx: t.as[w], input: { ...ref(t), data: {} } }),
    ],
    [
      "change a record",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        updateRecord({
          ctx: t.as[w],
          input: { ...ref(t), recordId: t.record.id, data: { [t.name]: w } },
        }),
    ],
    [
      "import records",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) =>
        importRecords({
          ctx: t.as[w],
          input: { ...ref(t), format: "csv", content: `Name\n${w}` },
        }),
    ],
    [
      "delete a record",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) => deleteRecord({ ctx: t.as[w], input: { ...ref(t), recordId: t.record.id } }),
    ],
    [
      "drop the database",
      { owner: "ok", editor: "ok", viewer: 403, outsider: 404 },
      (t, w) => dropDatabase({ ctx: t.as[w], input: ref(t) }),
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
      const projectId = t.project.id;
      // One at a time: they share the test's transaction.
      const attempts: (() => Promise<unknown>)[] = [
        // Their database under my project, my database under their project, their record under my database.
        () => getDatabase({ ctx: me, input: { projectId, databaseId: t.theirDb.id } }),
        () => listRecords({ ctx: me, input: { projectId, databaseId: t.theirDb.id } }),
        () =>
          exportRecords({
            ctx: me,
            input: { projectId, databaseId: t.theirDb.id, format: "json" },
          }),
        () =>
          manageSchema({
            ctx: me,
            input: {
              projectId,
              databaseId: t.theirDb.id,
              change: { op: "drop_field", fieldId: t.theirDb.fields[0]!.id },
            },
          }),
        () => dropDatabase({ ctx: me, input: { projectId, databaseId: t.theirDb.id } }),
        () => createRecord({ ctx: me, input: { projectId, databaseId: t.theirDb.id, data: {} } }),
        () =>
          importRecords({
            ctx: me,
            input: { projectId, databaseId: t.theirDb.id, format: "csv", content: "Name\nx" },
          }),
        () =>
          listRecords({ ctx: me, input: { projectId: t.theirs.id, databaseId: t.database.id } }),
        () =>
          updateRecord({
            ctx: me,
            input: { ...ref(t), recordId: t.theirRecord.id, data: { [t.name]: "pwned" } },
          }),
        () => deleteRecord({ ctx: me, input: { ...ref(t), recordId: t.theirRecord.id } }),
        () =>
          updateRecord({
            ctx: me,
            input: { ...ref(t), recordId: "not-a-uuid", data: {} },
          }),
        () => getDatabase({ ctx: me, input: { projectId, databaseId: "../../etc" } }),
      ];
      for (const attempt of attempts) expect(await outcome(attempt())).toBe(404);
      const { records: still } = await listRecords({
        ctx: t.as.outsider,
        input: { projectId: t.theirs.id, databaseId: t.theirDb.id },
      });
      expect(still.map((r) => r.data)).toEqual([{ [t.theirDb.fields[0]!.id]: "secret" }]);
      expect(
        (
          await getDatabase({
            ctx: t.as.outsider,
            input: { projectId: t.theirs.id, databaseId: t.theirDb.id },
          })
        ).database.schemaVersion,
      ).toBe(1);
    },
  );

  dbTest("an API key's scopes bound it: read-only keys read but cannot write", async ({ db }) => {
    const t = await setup(db);
    const owner = t.as.owner;
    const readOnly: Ctx = {
      ...owner,
      actor: { ...owner.actor, via: "api_key" as const, scopes: ["read" as const] },
    };
    expect(await outcome(listRecords({ ctx: readOnly, input: ref(t) }))).toBe("ok");
    expect(await outcome(createRecord({ ctx: readOnly, input: { ...ref(t), data: {} } }))).toBe(
      403,
    );
    expect(
      await outcome(
        manageSchema({
          ctx: readOnly,
          input: { ...ref(t), change: { op: "rename_database", name: "x" } },
        }),
      ),
    ).toBe(403);
  });
});
