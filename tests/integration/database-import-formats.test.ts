import { describe, expect } from "vitest";
import { exportRecords, importRecords, listRecords, manageSchema } from "@/lib/databases";
import { ImportReport } from "@/lib/databases/schemas";
import { dbTest } from "../helpers/db";
import { crewDatabase, err, thingsDatabase } from "../helpers/databases";

describe("databases: import reads the CSV dialects spreadsheets export", () => {
  dbTest.for([
    {
      name: "semicolons (a decimal-comma locale), quoted semicolons and commas",
      content: 'Name;Age;Active\n"Lovelace; Ada";36,5;yes\n"Bob, Jr.";40;no\n',
      delimiter: ";",
    },
    {
      name: "tabs, with a quoted tab and a semicolon in a cell",
      content: 'Name\tAge\tActive\n"Lovelace\tAda"\t36,5\tyes\nBob, Jr.\t40\tno\n',
      delimiter: "\t",
    },
    {
      name: "commas with a byte-order mark and CRLF",
      content: '\uFEFFName,Age,Active\r\n"Lovelace, Ada","36,5",yes\r\n"Bob, Jr.",40,no\r\n',
      delimiter: ",",
    },
    {
      name: "semicolons with a byte-order mark and a quoted newline",
      content: '\uFEFFName;Age;Active\n"Lovelace\nAda";36,5;yes\n"Bob, Jr.";40;no\n',
      delimiter: ";",
    },
  ])("$name", async ({ content, delimiter }, { db }) => {
    const t = await crewDatabase(db);
    const report = await importRecords({
      ctx: t.owner,
      input: { ...t.ref, format: "csv", content },
    });
    expect(ImportReport.parse(report)).toEqual(report);
    expect(report).toEqual({ rows: 2, imported: 2, errors: [], errorCount: 0, delimiter });
    const { records } = await listRecords({
      ctx: t.owner,
      input: { ...t.ref, sort: { field: "created_at", dir: "asc" } },
    });
    const [first, second] = records.map((r) => r.data);
    expect(first?.[t.f.Name]).toMatch(/^Lovelace[;\t\n ,]+Ada$/);
    expect(first?.[t.f.Age]).toBe("36,5"); // Age is text: the decimal comma is the cell's, not a delimiter
    expect(first?.[t.f.Active]).toBe(true);
    expect(second).toMatchObject({ [t.f.Name]: "Bob, Jr.", [t.f.Age]: "40", [t.f.Active]: false });
  });

  dbTest("a quoted cell that is never closed is refused, naming the row", async ({ db }) => {
    const t = await crewDatabase(db);
    const content = 'Name;Age\nAda;36\n"Bob;40\nCy;41\n';
    expect(
      await err(importRecords({ ctx: t.owner, input: { ...t.ref, format: "csv", content } })),
    ).toMatchObject({
      status: 422,
      details: {
        fields: [
          { field: "content", message: "has a problem in row 2: a quoted cell is never closed" },
        ],
      },
    });
    expect((await listRecords({ ctx: t.owner, input: t.ref })).total).toBe(0);
  });
});

describe("databases: import never splits or drops a value", () => {
  dbTest("a one-column file keeps its decimal commas", async ({ db }) => {
    const t = await crewDatabase(db);
    const content = "Name\n1,5\n2,25\n";
    const report = await importRecords({
      ctx: t.owner,
      input: { ...t.ref, format: "csv", content },
    });
    expect(report).toMatchObject({ rows: 2, imported: 2, errorCount: 0 });
    const { records } = await listRecords({
      ctx: t.owner,
      input: { ...t.ref, sort: { field: "created_at", dir: "asc" } },
    });
    expect(records.map((r) => r.data[t.f.Name])).toEqual(["1,5", "2,25"]);
  });

  dbTest("a row with more cells than the header is refused, naming the row", async ({ db }) => {
    const t = await crewDatabase(db);
    const content = "Name,Age\nAda,36\nBob,40,a value no column holds\n";
    expect(
      await err(importRecords({ ctx: t.owner, input: { ...t.ref, format: "csv", content } })),
    ).toMatchObject({
      status: 422,
      details: {
        fields: [
          { field: "content", message: "has 3 cells in row 2 but the header names 2 columns" },
        ],
      },
    });
    expect((await listRecords({ ctx: t.owner, input: t.ref })).total).toBe(0);
    // A trailing delimiter (an empty cell past the header), as some spreadsheets write, is fine.
    const trailing = "Name,Age\nAda,36,\n";
    expect(
      await importRecords({ ctx: t.owner, input: { ...t.ref, format: "csv", content: trailing } }),
    ).toMatchObject({ imported: 1 });
  });

  dbTest("formula-like text and delimiters in cells survive export and import", async ({ db }) => {
    const t = await thingsDatabase(db);
    const titles = ["=1+1", "-5 °C", "+49 30 123", "@home", "a;b", "tab\there"];
    for (const title of titles) await t.add({ [t.f.Title]: title });
    const file = await exportRecords({ ctx: t.owner, input: { ...t.ids, format: "csv" } });
    expect(file.body).toContain("'=1+1"); // still defused for spreadsheets
    const copy = await thingsDatabase(db);
    await importRecords({
      ctx: copy.owner,
      input: { ...copy.ids, format: "csv", content: file.body },
    });
    const { records } = await copy.list({ sort: { field: "created_at", dir: "asc" } });
    expect(records.map((r) => r.data[copy.f.Title])).toEqual(titles);
  });
});

describe("databases: a json field holds JSON, never text that does not parse", () => {
  dbTest(
    "CSV import refuses invalid JSON with the parser's reason, naming the field",
    async ({ db }) => {
      const t = await thingsDatabase(db);
      const content = 'Title,Meta\nok,"{""a"": 1}"\nbad,"{""a"": 1"\nword,hello\n';
      const e = await err(
        importRecords({ ctx: t.owner, input: { ...t.ids, format: "csv", content } }),
      );
      expect(e).toMatchObject({
        status: 422,
        message: "2 of 3 rows cannot be imported; nothing was imported.",
      });
      const { errors } = (e.details as { report: ImportReport }).report;
      expect(errors).toEqual([
        {
          row: 2,
          problems: [expect.stringMatching(/^Meta: "\{"a": 1" is not valid JSON \(.+\)$/)],
        },
        { row: 3, problems: [expect.stringMatching(/^Meta: "hello" is not valid JSON \(.+\)$/)] },
      ]);
      expect((await t.list({})).total).toBe(0);
    },
  );

  dbTest(
    "a json value exports as JSON text and imports back the same, strings included",
    async ({ db }) => {
      const t = await thingsDatabase(db);
      const values = [{ a: [1, 2] }, "hello", 16, "0x10", true, null];
      for (const [i, v] of values.entries()) await t.add({ [t.f.Title]: `r${i}`, [t.f.Meta]: v });
      const file = await exportRecords({ ctx: t.owner, input: { ...t.ids, format: "csv" } });
      const copy = await thingsDatabase(db);
      await importRecords({
        ctx: copy.owner,
        input: { ...copy.ids, format: "csv", content: file.body },
      });
      const { records } = await copy.list({ sort: { field: copy.f.Title } });
      expect(records.map((r) => r.data[copy.f.Meta] ?? null)).toEqual(values);
    },
  );

  dbTest(
    "negative numbers and json numbers export as numbers and import back; text formulas stay defused",
    async ({ db }) => {
      const t = await thingsDatabase(db);
      await t.add({ [t.f.Title]: "a", [t.f.Amount]: -12.5, [t.f.Meta]: -3 });
      await t.add({ [t.f.Title]: "=SUM(A1:A9)", [t.f.Amount]: 4 });
      const file = await exportRecords({ ctx: t.owner, input: { ...t.ids, format: "csv" } });
      expect(file.body).toContain(",-12.5,");
      expect(file.body).toContain("'=SUM(A1:A9)");
      const copy = await thingsDatabase(db);
      const result = await importRecords({
        ctx: copy.owner,
        input: { ...copy.ids, format: "csv", content: file.body },
      });
      expect(result).toMatchObject({ imported: 2 });
      const { records } = await copy.list({ sort: { field: copy.f.Amount } });
      expect(records.map((r) => [r.data[copy.f.Amount], r.data[copy.f.Meta] ?? null])).toEqual([
        [-12.5, -3],
        [4, null],
      ]);
    },
  );

  dbTest("retyping text to json: the dry run names the text that is not JSON", async ({ db }) => {
    const t = await thingsDatabase(db);
    await t.add({ [t.f.Title]: '{"a": 1}' });
    await t.add({ [t.f.Title]: "{oops" });
    const { report } = await manageSchema({
      ctx: t.owner,
      input: { ...t.ids, change: { op: "change_type", fieldId: t.f.Title, type: "json" } },
    });
    expect(report).toMatchObject({ total: 2, convertible: 1, failingCount: 1 });
    expect(report?.failing[0]?.reason).toMatch(/^"\{oops" is not valid JSON \(.+\)$/);
  });
});
