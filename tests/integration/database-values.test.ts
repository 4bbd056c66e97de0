import { sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { Db } from "@/db/client";
import { deleteRecord, importRecords, manageSchema, updateRecord } from "@/lib/databases";
import { queryRows } from "@/lib/db";
import { dbTest } from "../helpers/db";
import { thingsDatabase as setup, err } from "../helpers/databases";

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
      input: { ...t.ids, recordId: a.id, data: { [t.f.Amount]: null, [t.f.Due]: "2026-01-02" } },
    });
    await deleteRecord({ ctx: t.owner, input: { ...t.ids, recordId: b.id } });
    expect(await indexDrift(db, t.database.id)).toEqual({ missing: 0, extra: 0, total: 6 });
    await importRecords({
      ctx: t.owner,
      input: { ...t.ids, format: "csv", content: "Title,Amount,Tag\nc,7,red\nd,,green" },
    });
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0, total: 18 });

    const added = await manageSchema({
      ctx: t.owner,
      input: {
        ...t.ids,
        change: { op: "add_field", field: { name: "Owner", type: "text", default: "ops" } },
      },
    });
    const ownerField = added.database.fields.find((x) => x.name === "Owner")!.id;
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0, total: 21 });
    expect(
      (await t.list({ filters: [{ field: ownerField, op: "equals", value: "ops" }] })).total,
    ).toBe(3);
    await manageSchema({
      ctx: t.owner,
      input: { ...t.ids, change: { op: "drop_field", fieldId: t.f.Meta } },
    });
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0, total: 18 });
    await manageSchema({
      ctx: t.owner,
      input: {
        ...t.ids,
        change: { op: "change_type", fieldId: t.f.Amount, type: "text", apply: true },
      },
    });
    expect(await indexDrift(db, t.database.id)).toMatchObject({ missing: 0, extra: 0, total: 18 });
    // Once text, "7" sorts and matches as text.
    expect(
      await t.titles({ filters: [{ field: t.f.Amount, op: "contains", value: "7" }] }),
    ).toEqual(["c"]);
    await manageSchema({
      ctx: t.owner,
      input: {
        ...t.ids,
        change: { op: "change_type", fieldId: t.f.Amount, type: "number", apply: true },
      },
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
      (await err(importRecords({ ctx: t.owner, input: { ...t.ids, format: "csv", content: bad } })))
        .status,
    ).toBe(422);
    expect(await indexDrift(db, t.database.id)).toEqual({ missing: 0, extra: 0, total: 6 });
  });
});

describe("databases: review fixes", () => {
  dbTest('a retype clears "" instead of leaving a value the new type refuses', async ({ db }) => {
    const t = await setup(db);
    const blank = await t.add({ [t.f.Title]: "" });
    await t.add({ [t.f.Title]: "12" });
    await manageSchema({
      ctx: t.owner,
      input: {
        ...t.ids,
        change: { op: "change_type", fieldId: t.f.Title, type: "number", apply: true },
      },
    });
    expect(
      (await t.list({ filters: [{ field: t.f.Title, op: "is_empty" }] })).records.map((r) => r.id),
    ).toEqual([blank.id]);
    // The record stays editable under the new type.
    await updateRecord({
      ctx: t.owner,
      input: { ...t.ids, recordId: blank.id, data: { [t.f.Amount]: 1 } },
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
