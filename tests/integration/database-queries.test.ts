import { describe, expect } from "vitest";
import { importRecords } from "@/lib/databases";
import { dbTest } from "../helpers/db";
import { thingsDatabase as setup, err } from "../helpers/databases";

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
    await importRecords({ ctx: t.owner, input: { ...t.ids, format: "csv", content } });
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
