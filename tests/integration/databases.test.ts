import { describe, expect } from "vitest";
import {
  createDatabase,
  createRecord,
  getDatabase,
  listDatabases,
  listRecords,
  manageSchema,
  updateRecord,
} from "@/lib/databases";
import {
  DatabaseOutput,
  ListDatabasesOutput,
  ListRecordsOutput,
  RecordOutput,
} from "@/lib/databases/schemas";
import { dbTest } from "../helpers/db";
import { crewDatabase as setup, err } from "../helpers/databases";

describe("databases: records validated against the schema", () => {
  dbTest("defaults, required, types, unknown fields, unique, and who may write", async ({ db }) => {
    const t = await setup(db);
    const r = await t.add({ [t.f.Name]: "Ada", [t.f.Age]: "36" });
    expect(r.data).toEqual({ [t.f.Name]: "Ada", [t.f.Age]: "36", [t.f.Role]: "engineer" });
    expect(await err(t.add({ [t.f.Age]: "1" }))).toMatchObject({
      status: 422,
      details: { fields: [{ field: `data.${t.f.Name}` }] },
    });
    expect(await err(t.add({ [t.f.Name]: "Bob", [t.f.Active]: "yes" }))).toMatchObject({
      status: 422,
      details: { fields: [{ field: `data.${t.f.Active}`, message: "must be true or false" }] },
    });
    expect(await err(t.add({ [t.f.Name]: "Bob", [t.f.Role]: "captain" }))).toMatchObject({
      status: 422,
      details: { fields: [{ field: `data.${t.f.Role}` }] },
    });
    expect((await err(t.add({ [t.f.Name]: "Bob", nope: 1 }))).status).toBe(422);
    expect(await err(t.add({ [t.f.Name]: "Ada" }))).toMatchObject({
      status: 409,
      details: { fields: [{ field: `data.${t.f.Name}`, message: "must be unique" }] },
    });
    expect(
      await err(
        updateRecord({
          ctx: t.owner,
          input: { ...t.ref, recordId: r.id, data: { [t.f.Name]: null } },
        }),
      ),
    ).toMatchObject({ status: 422 });
    expect(
      (
        await err(
          createRecord({
            ctx: t.viewer,
            input: { ...t.ref, data: { [t.f.Name]: "V" } },
          }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await err(
          listRecords({
            ctx: t.outsider,
            input: t.ref,
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await listRecords({
          ctx: t.viewer,
          input: t.ref,
        })
      ).total,
    ).toBe(1);
    expect((await err(t.add({ [t.f.Name]: "Big", [t.f.Age]: "x".repeat(10_001) }))).status).toBe(
      422,
    );
  });

  dbTest("filters per type, numeric sort and paging", async ({ db }) => {
    const t = await setup(db);
    const { database: withNumber } = await manageSchema({
      ctx: t.owner,
      input: { ...t.ref, change: { op: "add_field", field: { name: "Score", type: "number" } } },
    });
    const score = withNumber.fields.find((x) => x.name === "Score")!.id;
    for (const [name, s, active] of [
      ["Ada", 9, true],
      ["Bob", 10, false],
      ["Cy", 100, true],
      ["Di", null, true],
    ] as const)
      await t.add({ [t.f.Name]: name, [score]: s, [t.f.Active]: active });
    const names = async (input: object) =>
      (
        await listRecords({
          ctx: t.viewer,
          input: { ...t.ref, ...input },
        })
      ).records.map((r) => r.data[t.f.Name]);
    expect(
      await names({
        sort: { field: score, dir: "asc" },
        filters: [{ field: score, op: "not_empty" }],
      }),
    ).toEqual(["Ada", "Bob", "Cy"]); // 9 < 10 < 100: numbers, not text
    expect(
      await names({
        filters: [
          { field: score, op: "gte", value: 10 },
          { field: score, op: "lte", value: 50 },
        ],
      }),
    ).toEqual(["Bob"]);
    expect(
      await names({
        filters: [{ field: t.f.Active, op: "equals", value: true }],
        sort: { field: t.f.Name },
      }),
    ).toEqual(["Ada", "Cy", "Di"]);
    expect(await names({ filters: [{ field: t.f.Name, op: "contains", value: "y" }] })).toEqual([
      "Cy",
    ]);
    expect(await names({ filters: [{ field: score, op: "is_empty" }] })).toEqual(["Di"]);
    expect(await names({ sort: { field: t.f.Name, dir: "desc" }, pageSize: 2, page: 2 })).toEqual([
      "Bob",
      "Ada",
    ]);
    expect(
      await err(
        listRecords({
          ctx: t.owner,
          input: { ...t.ref, filters: [{ field: t.f.Name, op: "gte", value: 1 }] },
        }),
      ),
    ).toMatchObject({ status: 422, details: { fields: [{ field: "filters.0.op" }] } });
  });
});

describe("databases: service results match their output schemas exactly", () => {
  dbTest("create, read and list databases; create, change and list records", async ({ db }) => {
    const t = await setup(db);
    const created = await createDatabase({
      ctx: t.owner,
      input: {
        projectId: t.project.id,
        name: "Ships",
        description: "The fleet",
        fields: [{ name: "Hull", type: "select", options: ["steel", "wood"], default: "wood" }],
      },
    });
    expect(DatabaseOutput.parse(created)).toEqual(created);
    expect(created.database).toMatchObject({ name: "Ships", schemaVersion: 1, recordCount: 0 });
    const read = await getDatabase({ ctx: t.viewer, input: t.ref });
    expect(DatabaseOutput.parse(read)).toEqual(read);
    const listed = await listDatabases({ ctx: t.viewer, input: { projectId: t.project.id } });
    expect(ListDatabasesOutput.parse(listed)).toEqual(listed);
    expect(listed.databases.map((d) => d.name)).toEqual(["Crew", "Ships"]);
    const added = await createRecord({
      ctx: t.owner,
      input: { ...t.ref, data: { [t.f.Name]: "Ada", [t.f.Active]: true } },
    });
    expect(RecordOutput.parse(added)).toEqual(added);
    const changed = await updateRecord({
      ctx: t.owner,
      input: { ...t.ref, recordId: added.record.id, data: { [t.f.Age]: "36" } },
    });
    expect(RecordOutput.parse(changed)).toEqual(changed);
    expect(changed.record.data).toEqual({
      [t.f.Name]: "Ada",
      [t.f.Age]: "36",
      [t.f.Role]: "engineer",
      [t.f.Active]: true,
    });
    const records = await listRecords({ ctx: t.viewer, input: t.ref });
    expect(ListRecordsOutput.parse(records)).toEqual(records);
    expect(records).toMatchObject({ total: 1, records: [{ id: added.record.id }] });
  });
});
