import { describe, expect } from "vitest";
import { exportRecords, listRecords } from "@/lib/databases";
import { ExportRecordsOutput, ImportReport } from "@/lib/databases/schemas";
import type { AppError } from "@/lib/errors";
import { dbTest } from "../helpers/db";
import { crewDatabase as setup, err } from "../helpers/databases";

describe("databases: import", () => {
  dbTest(
    "CSV import is all or nothing with a per-row report; a clean file imports every row",
    async ({ db }) => {
      const t = await setup(db);
      const { importRecords } = await import("@/lib/databases");
      await t.add({ [t.f.Name]: "Ada" });
      const bad = [
        "name,Age,Role,Active",
        "Bob,40,pilot,yes",
        ",41,engineer,no",
        "Cy,42,captain,maybe",
        "Bob,43,,",
        "Ada,44,,",
      ].join("\n");
      const err = (await importRecords({
        ctx: t.owner,
        input: { ...t.ref, format: "csv", content: bad },
      }).catch((e: unknown) => e)) as AppError;
      expect(err).toMatchObject({
        status: 422,
        message: "4 of 5 rows cannot be imported; nothing was imported.",
      });
      expect(
        (err.details as { report: { errors: { row: number; problems: string[] }[] } }).report
          .errors,
      ).toEqual([
        { row: 2, problems: [expect.stringMatching(/^Name: /)] },
        {
          row: 3,
          problems: [
            'Role: "captain" is not one of the options',
            'Active: "maybe" is not true/false',
          ],
        },
        { row: 4, problems: ['Name: "Bob" repeats row 1'] },
        { row: 5, problems: ['Name: "Ada" already exists in the database'] },
      ]);
      expect(
        (
          await listRecords({
            ctx: t.owner,
            input: t.ref,
          })
        ).total,
      ).toBe(1);

      const good = 'Name,Age,Active\n"Lovelace, Ada",36,true\n"Quote ""Q""",,no\r\n';
      const ok = await importRecords({
        ctx: t.owner,
        input: { ...t.ref, format: "csv", content: good },
      });
      expect(ImportReport.parse(ok)).toEqual(ok);
      expect(ok).toMatchObject({ rows: 2, imported: 2, errorCount: 0 });
      const names = (
        await listRecords({
          ctx: t.owner,
          input: { ...t.ref, sort: { field: t.f.Name } },
        })
      ).records.map((r) => [r.data[t.f.Name], r.data[t.f.Role], r.data[t.f.Active]]);
      expect(names).toEqual([
        ["Ada", "engineer", undefined],
        ["Lovelace, Ada", "engineer", true],
        ['Quote "Q"', "engineer", false],
      ]);
      const file = await exportRecords({ ctx: t.owner, input: { ...t.ref, format: "csv" } });
      expect(ExportRecordsOutput.parse(file)).toEqual(file);
      expect(file).toMatchObject({ filename: "Crew.csv", contentType: "text/csv; charset=utf-8" });
      expect(file.body.split("\r\n")[0]).toBe("Name,Age,Role,Active");
    },
  );

  dbTest("JSON import, unknown columns, viewers, and too many rows", async ({ db }) => {
    const t = await setup(db);
    const { importRecords } = await import("@/lib/databases");
    const run = (ctx: typeof t.owner, format: "csv" | "json", content: string) =>
      importRecords({
        ctx,
        input: { ...t.ref, format, content },
      });
    expect(
      await run(
        t.owner,
        "json",
        JSON.stringify([
          { Name: "Ada", Active: true },
          { name: "Bob", Age: "x" },
        ]),
      ),
    ).toMatchObject({ imported: 2 });
    expect(
      await err(run(t.owner, "json", JSON.stringify([{ Name: "Cy", Salary: 1 }]))),
    ).toMatchObject({
      status: 422,
      details: { fields: [{ field: "content", message: expect.stringContaining("Salary") }] },
    });
    expect(await err(run(t.owner, "json", "{not json"))).toMatchObject({
      status: 422,
      details: { fields: [{ field: "content", message: "is not valid JSON" }] },
    });
    expect((await err(run(t.viewer, "csv", "Name\nZed"))).status).toBe(403);
    const many = ["Name", ...Array.from({ length: 10_001 }, (_, i) => `n${i}`)].join("\n");
    expect(await err(run(t.owner, "csv", many))).toMatchObject({
      status: 413,
      details: { fields: [{ field: "content" }] },
    });
    expect(
      (
        await listRecords({
          ctx: t.owner,
          input: t.ref,
        })
      ).total,
    ).toBe(2);
  });
});
