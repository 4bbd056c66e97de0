import { sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { Db } from "@/db/client";
import {
  createDatabase,
  createRecord,
  deleteRecord,
  importRecords,
  listRecords,
  manageSchema,
  updateRecord,
} from "@/lib/databases";
import { queryRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createProject } from "@/lib/projects";
import { dbTest, userCtx } from "../helpers/db";

/**
 * The value index must hold exactly one row per (record, field of its database), computed from the
 * record's JSON — no missing, stale or orphaned rows. Compared with what the records say, in SQL.
 */
async function indexDrift(db: Db, databaseId: string) {
  const [r] = await queryRows<{ missing: number; extra: number; total: number }>(
    db,
    sql`with expected as (
          select r.id as record_id, r.database_id, e ->> 'id' as field_id,
                 database_record_value_num(r.data -> (e ->> 'id')) as num, database_record_value_txt(r.data -> (e ->> 'id')) as txt
          from database_records r join project_databases d on d.id = r.database_id cross join jsonb_array_elements(d.fields) e
          where d.id = ${databaseId}),
        actual as (select record_id, database_id, field_id, num, txt from database_record_values where database_id = ${databaseId})
        select (select count(*) from (select * from expected except select * from actual) m)::int as missing,
               (select count(*) from (select * from actual except select * from expected) x)::int as extra,
               (select count(*) from actual)::int as total`,
  );
  return r!;
}

async function setup(db: Db) {
  const owner = await userCtx(db);
  const project = await createProject({ ctx: owner, input: { name: "Queries" } });
  const database = await createDatabase({
    ctx: owner,
    projectId: project.id,
    input: {
      name: "Things",
      fields: [
        { name: "Title", type: "text" },
        { name: "Amount", type: "number" },
        { name: "Due", type: "date" },
        { name: "Tag", type: "select", options: ["red", "green"] },
        { name: "Done", type: "boolean" },
        { name: "Meta", type: "json" },
      ],
    },
  });
  const f = Object.fromEntries(database.fields.map((x) => [x.name, x.id])) as Record<
    "Title" | "Amount" | "Due" | "Tag" | "Done" | "Meta",
    string
  >;
  const ids = { projectId: project.id, databaseId: database.id };
  const add = (data: Record<string, unknown>) =>
    createRecord({ ctx: owner, ...ids, input: { data } });
  const list = (input: object) => listRecords({ ctx: owner, ...ids, input });
  const titles = async (input: object) => (await list(input)).records.map((r) => r.data[f.Title]);
  return { owner, project, database, f, ids, add, list, titles };
}

const err = async (p: Promise<unknown>) =>
  (await p.then(
    () => null,
    (e: unknown) => e,
  )) as AppError;

describe("databases: the value index stays exact through every write path", () => {
  dbTest("create, update, clear, delete, import, add/drop/retype fields", async ({ db }) => {
    const t = await setup(db);
    const a = await t.add({
      [t.f.Title]: "a",
      [t.f.Amount]: 5,
      [t.f.Meta]: { k: [1, 2] },
      [t.f.Done]: true,
    });
    const b = await t.add({ [t.f.Title]: "b" });
    expect(await indexDrift(db, t.database.id)).toEqual({ missing: 0, extra: 0, total: 12 }); // 2 records × 6 fields, empty values included
    await updateRecord({
      ctx: t.owner,
      ...t.ids,
      id: a.id,
      input: { data: { [t.f.Amount]: null, [t.f.Due]: "2026-01-02" } },
    });
    await deleteRecord({ ctx: t.owner, ...t.ids, id: b.id });
    expect(await indexDrift(db, t.database.id)).toEqual({ missing: 0, extra: 0, total: 6 });
    await importRecords({
      ctx: t.owner,
      ...t.ids,
      input: { format: "csv", content: "Title,Amount,Tag\nc,7,red\nd,,green" },
    });
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0, total: 18 });

    const added = await manageSchema({
      ctx: t.owner,
      projectId: t.project.id,
      id: t.database.id,
      input: { op: "add_field", field: { name: "Owner", type: "text", default: "ops" } },
    });
    const ownerField = added.database.fields.find((x) => x.name === "Owner")!.id;
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0, total: 21 });
    expect(
      (await t.list({ filters: [{ field: ownerField, op: "equals", value: "ops" }] })).total,
    ).toBe(3);
    await manageSchema({
      ctx: t.owner,
      projectId: t.project.id,
      id: t.database.id,
      input: { op: "drop_field", fieldId: t.f.Meta },
    });
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0, total: 18 });
    await manageSchema({
      ctx: t.owner,
      projectId: t.project.id,
      id: t.database.id,
      input: { op: "change_type", fieldId: t.f.Amount, type: "text", apply: true },
    });
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0, total: 18 });
    // Once text, "7" sorts and matches as text.
    expect(
      await t.titles({ filters: [{ field: t.f.Amount, op: "contains", value: "7" }] }),
    ).toEqual(["c"]);
    await manageSchema({
      ctx: t.owner,
      projectId: t.project.id,
      id: t.database.id,
      input: { op: "change_type", fieldId: t.f.Amount, type: "number", apply: true },
    });
    expect(await t.titles({ filters: [{ field: t.f.Amount, op: "gte", value: 6 }] })).toEqual([
      "c",
    ]);
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0 });
  });

  dbTest("rolled-back writes leave no index rows behind", async ({ db }) => {
    const t = await setup(db);
    await t.add({ [t.f.Title]: "kept" });
    const bad = "Title,Tag\nx,red\ny,purple";
    expect(
      (await err(importRecords({ ctx: t.owner, ...t.ids, input: { format: "csv", content: bad } })))
        .status,
    ).toBe(422);
    expect(await indexDrift(db, t.database.id)).toEqual({ missing: 0, extra: 0, total: 6 });
  });
});

describe("databases: filters and sorts", () => {
  dbTest(
    "numbers compare as numbers; conditions on one field combine into one range",
    async ({ db }) => {
      const t = await setup(db);
      for (const [title, amount] of [
        ["nine", 9],
        ["ten", 10],
        ["hundred", 100],
        ["minus", -2.5],
        ["none", undefined],
      ] as const)
        await t.add({ [t.f.Title]: title, [t.f.Amount]: amount });
      expect(
        await t.titles({
          filters: [
            { field: t.f.Amount, op: "gte", value: 9 },
            { field: t.f.Amount, op: "lte", value: 50 },
          ],
          sort: { field: t.f.Amount },
        }),
      ).toEqual(["nine", "ten"]);
      expect(
        await t.titles({ filters: [{ field: t.f.Amount, op: "equals", value: "10" }] }),
      ).toEqual(["ten"]); // "10" is converted
      // Ascending puts empty values last; descending first (PostgreSQL's order, walked backwards on the index).
      expect(await t.titles({ sort: { field: t.f.Amount, dir: "asc" } })).toEqual([
        "minus",
        "nine",
        "ten",
        "hundred",
        "none",
      ]);
      expect(await t.titles({ sort: { field: t.f.Amount, dir: "desc" } })).toEqual([
        "none",
        "hundred",
        "ten",
        "nine",
        "minus",
      ]);
      expect(
        await err(t.list({ filters: [{ field: t.f.Amount, op: "gte", value: "lots" }] })),
      ).toMatchObject({
        status: 422,
        details: { fields: [{ field: "filters.0.value", message: '"lots" is not a number' }] },
      });
      expect(
        await err(t.list({ filters: [{ field: t.f.Amount, op: "contains", value: "1" }] })),
      ).toMatchObject({ status: 422, details: { fields: [{ field: "filters.0.op" }] } });
      expect(await err(t.list({ filters: [{ field: t.f.Amount, op: "gte" }] }))).toMatchObject({
        status: 422,
        details: {
          fields: [{ field: "filters.0.value", message: "is required for this operator" }],
        },
      });
    },
  );

  dbTest(
    "dates: a day matches values with a time on that day; ranges include their last day",
    async ({ db }) => {
      const t = await setup(db);
      await t.add({ [t.f.Title]: "morning", [t.f.Due]: "2026-03-31T08:00:00Z" });
      await t.add({ [t.f.Title]: "day", [t.f.Due]: "2026-03-31" });
      await t.add({ [t.f.Title]: "april", [t.f.Due]: "2026-04-01" });
      await t.add({ [t.f.Title]: "feb", [t.f.Due]: "2026-02-28" });
      const sorted = { sort: { field: t.f.Due, dir: "asc" } };
      expect(
        await t.titles({
          ...sorted,
          filters: [{ field: t.f.Due, op: "equals", value: "2026-03-31" }],
        }),
      ).toEqual(["day", "morning"]);
      expect(
        await t.titles({
          ...sorted,
          filters: [
            { field: t.f.Due, op: "gte", value: "2026-03-01" },
            { field: t.f.Due, op: "lte", value: "2026-03-31" },
          ],
        }),
      ).toEqual(["day", "morning"]);
      expect(
        await t.titles({
          ...sorted,
          filters: [{ field: t.f.Due, op: "gte", value: "2026-03-31" }],
        }),
      ).toEqual(["day", "morning", "april"]);
      expect(await t.titles({ sort: { field: t.f.Due, dir: "desc" } })).toEqual([
        "april",
        "morning",
        "day",
        "feb",
      ]);
      expect(
        await err(t.list({ filters: [{ field: t.f.Due, op: "lte", value: "soon" }] })),
      ).toMatchObject({
        status: 422,
        details: { fields: [{ field: "filters.0.value", message: '"soon" is not a date' }] },
      });
    },
  );

  dbTest(
    "text: contains escapes % and _, equals is exact, long values compare in full",
    async ({ db }) => {
      const t = await setup(db);
      const long = "x".repeat(250);
      for (const title of [
        "100% done",
        "100 done",
        "snake_case",
        "snakeXcase",
        long,
        `${long}y`,
        "Mixed Case",
      ])
        await t.add({ [t.f.Title]: title });
      expect(
        await t.titles({ filters: [{ field: t.f.Title, op: "contains", value: "100%" }] }),
      ).toEqual(["100% done"]);
      expect(
        await t.titles({ filters: [{ field: t.f.Title, op: "contains", value: "e_c" }] }),
      ).toEqual(["snake_case"]);
      expect(
        await t.titles({ filters: [{ field: t.f.Title, op: "contains", value: "mixed" }] }),
      ).toEqual(["Mixed Case"]); // case-insensitive
      expect(
        await t.titles({ filters: [{ field: t.f.Title, op: "equals", value: "mixed case" }] }),
      ).toEqual([]); // equals is exact
      expect(
        await t.titles({ filters: [{ field: t.f.Title, op: "equals", value: long }] }),
      ).toEqual([long]); // same first 200 characters as `${long}y`
      expect(
        (await t.list({ filters: [{ field: t.f.Title, op: "contains", value: "x" }] })).total,
      ).toBe(4); // the two long ones, snakeXcase and "Mixed Case"
    },
  );

  dbTest(
    "booleans, selects, json and emptiness; filters on several fields; sort by one of them",
    async ({ db }) => {
      const t = await setup(db);
      await t.add({
        [t.f.Title]: "a",
        [t.f.Done]: true,
        [t.f.Tag]: "red",
        [t.f.Meta]: { team: "core" },
        [t.f.Amount]: 3,
      });
      await t.add({
        [t.f.Title]: "b",
        [t.f.Done]: false,
        [t.f.Tag]: "red",
        [t.f.Meta]: 42,
        [t.f.Amount]: 1,
      });
      await t.add({
        [t.f.Title]: "c",
        [t.f.Done]: true,
        [t.f.Tag]: "green",
        [t.f.Meta]: "core",
        [t.f.Amount]: 2,
      });
      await t.add({ [t.f.Title]: "d" });
      expect(
        await t.titles({
          filters: [{ field: t.f.Done, op: "equals", value: true }],
          sort: { field: t.f.Title },
        }),
      ).toEqual(["a", "c"]);
      expect(await t.titles({ filters: [{ field: t.f.Done, op: "equals", value: "no" }] })).toEqual(
        ["b"],
      );
      expect(
        await t.titles({
          filters: [
            { field: t.f.Tag, op: "equals", value: "red" },
            { field: t.f.Done, op: "equals", value: true },
          ],
        }),
      ).toEqual(["a"]);
      expect(await t.titles({ filters: [{ field: t.f.Meta, op: "equals", value: 42 }] })).toEqual([
        "b",
      ]);
      expect(
        await t.titles({
          filters: [{ field: t.f.Meta, op: "contains", value: "core" }],
          sort: { field: t.f.Title },
        }),
      ).toEqual(["a", "c"]);
      expect(await t.titles({ filters: [{ field: t.f.Meta, op: "is_empty" }] })).toEqual(["d"]);
      expect(
        await t.titles({
          filters: [
            { field: t.f.Meta, op: "not_empty" },
            { field: t.f.Tag, op: "equals", value: "red" },
          ],
          sort: { field: t.f.Amount, dir: "desc" },
        }),
      ).toEqual(["a", "b"]);
      const counted = await t.list({
        filters: [
          { field: t.f.Tag, op: "not_empty" },
          { field: t.f.Amount, op: "lte", value: 2 },
        ],
        sort: { field: t.f.Amount },
      });
      expect([counted.total, counted.records.map((r) => r.data[t.f.Title])]).toEqual([
        2,
        ["b", "c"],
      ]);
      expect(await err(t.list({ sort: { field: "f_nope" } }))).toMatchObject({
        status: 422,
        details: { fields: [{ field: "sort.field" }] },
      });
    },
  );

  dbTest("paging walks every record once in a stable order, sorted or not", async ({ db }) => {
    const t = await setup(db);
    const content = [
      "Title,Amount",
      ...Array.from({ length: 57 }, (_, i) => `r${i},${i % 5}`),
    ].join("\n");
    await importRecords({ ctx: t.owner, ...t.ids, input: { format: "csv", content } });
    // An import's rows share one created_at; creation order is still the file's order.
    const inOrder = await t.list({ sort: { field: "created_at", dir: "asc" }, pageSize: 57 });
    expect(inOrder.records.map((r) => r.data[t.f.Title])).toEqual(
      Array.from({ length: 57 }, (_, i) => `r${i}`),
    );
    expect(await t.titles({ pageSize: 2 })).toEqual(["r56", "r55"]); // newest first by default
    for (const sort of [
      undefined,
      { field: "created_at", dir: "asc" },
      { field: t.f.Amount, dir: "asc" },
      { field: t.f.Amount, dir: "desc" },
      { field: t.f.Title, dir: "asc" },
    ]) {
      const seen: unknown[] = [];
      for (let page = 1; page <= 3; page++) {
        const r = await t.list({ sort, page, pageSize: 20 });
        expect(r.total).toBe(57);
        seen.push(...r.records.map((x) => x.data[t.f.Title]));
      }
      expect(new Set(seen).size).toBe(57);
    }
    const amounts = [1, 2, 3].map(async (page) =>
      (await t.list({ sort: { field: t.f.Amount, dir: "desc" }, page, pageSize: 20 })).records.map(
        (r) => r.data[t.f.Amount] as number,
      ),
    );
    const flat = (await Promise.all(amounts)).flat();
    expect(flat).toEqual([...flat].sort((x, y) => y - x));
  });
});

describe("databases: review fixes", () => {
  dbTest('a retype clears "" instead of leaving a value the new type refuses', async ({ db }) => {
    const t = await setup(db);
    const blank = await t.add({ [t.f.Title]: "" });
    await t.add({ [t.f.Title]: "12" });
    await manageSchema({
      ctx: t.owner,
      projectId: t.project.id,
      id: t.database.id,
      input: { op: "change_type", fieldId: t.f.Title, type: "number", apply: true },
    });
    expect(
      (await t.list({ filters: [{ field: t.f.Title, op: "is_empty" }] })).records.map((r) => r.id),
    ).toEqual([blank.id]);
    // The record stays editable under the new type.
    await updateRecord({
      ctx: t.owner,
      ...t.ids,
      id: blank.id,
      input: { data: { [t.f.Amount]: 1 } },
    });
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0 });
  });

  dbTest(
    "dates are stored in UTC, so a moment written with an offset matches its own day; impossible days are refused",
    async ({ db }) => {
      const t = await setup(db);
      const r = await t.add({ [t.f.Title]: "late", [t.f.Due]: "2024-01-05T23:30:00-05:00" });
      expect(r.data[t.f.Due]).toBe("2024-01-06T04:30:00.000Z");
      expect(
        await t.titles({
          filters: [{ field: t.f.Due, op: "equals", value: "2024-01-05T23:30:00-05:00" }],
        }),
      ).toEqual(["late"]);
      expect(
        await t.titles({ filters: [{ field: t.f.Due, op: "equals", value: "2024-01-06" }] }),
      ).toEqual(["late"]);
      expect(
        await t.titles({ filters: [{ field: t.f.Due, op: "contains", value: "2024-01" }] }),
      ).toEqual(["late"]); // contains is text, not a date
      expect(await err(t.add({ [t.f.Due]: "2024-02-30" }))).toMatchObject({
        status: 422,
        details: { fields: [{ field: `data.${t.f.Due}`, message: "is not a real date" }] },
      });
    },
  );

  dbTest(
    "equality on long and non-BMP text compares the same 200 characters PostgreSQL keys on",
    async ({ db }) => {
      const t = await setup(db);
      const emoji = "🚀".repeat(150);
      const mixed = `${"a".repeat(199)}🚀tail`;
      await t.add({ [t.f.Title]: emoji });
      await t.add({ [t.f.Title]: mixed });
      await t.add({ [t.f.Title]: `${"a".repeat(199)}🚀other` });
      expect(
        await t.titles({ filters: [{ field: t.f.Title, op: "equals", value: emoji }] }),
      ).toEqual([emoji]);
      expect(
        await t.titles({ filters: [{ field: t.f.Title, op: "equals", value: mixed }] }),
      ).toEqual([mixed]);
    },
  );

  dbTest('json equals: "0x10" is text, not the number 16', async ({ db }) => {
    const t = await setup(db);
    await t.add({ [t.f.Title]: "sixteen", [t.f.Meta]: 16 });
    await t.add({ [t.f.Title]: "hex", [t.f.Meta]: "0x10" });
    expect(await t.titles({ filters: [{ field: t.f.Meta, op: "equals", value: "0x10" }] })).toEqual(
      ["hex"],
    );
    expect(await t.titles({ filters: [{ field: t.f.Meta, op: "equals", value: "16" }] })).toEqual([
      "sixteen",
    ]);
  });
});
