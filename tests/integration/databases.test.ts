import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditLog } from "@/db/schema";
import type { Db } from "@/db/client";
import {
  createDatabase,
  createRecord,
  dropDatabase,
  listRecords,
  manageSchema,
  updateRecord,
} from "@/lib/databases";
import { AppError } from "@/lib/errors";
import { addMember, createProject } from "@/lib/projects";
import { dbTest, userCtx } from "../helpers/db";

async function setup(db: Db) {
  const owner = await userCtx(db);
  const viewer = await userCtx(db);
  const outsider = await userCtx(db);
  const project = await createProject({ ctx: owner, input: { name: "Data" } });
  await addMember({
    ctx: owner,
    projectId: project.id,
    input: { email: viewer.actor.email, role: "viewer" },
  });
  const database = await createDatabase({
    ctx: owner,
    projectId: project.id,
    input: {
      name: "Crew",
      fields: [
        { name: "Name", type: "text", required: true, unique: true },
        { name: "Age", type: "text" },
        { name: "Role", type: "select", options: ["pilot", "engineer"], default: "engineer" },
        { name: "Active", type: "boolean" },
      ],
    },
  });
  const f = Object.fromEntries(database.fields.map((x) => [x.name, x.id])) as Record<
    "Name" | "Age" | "Role" | "Active",
    string
  >;
  const add = (data: Record<string, unknown>) =>
    createRecord({ ctx: owner, projectId: project.id, databaseId: database.id, input: { data } });
  return { owner, viewer, outsider, project, database, f, add };
}

const err = async (p: Promise<unknown>) =>
  (await p.then(
    () => null,
    (e: unknown) => e,
  )) as AppError;

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
          projectId: t.project.id,
          databaseId: t.database.id,
          id: r.id,
          input: { data: { [t.f.Name]: null } },
        }),
      ),
    ).toMatchObject({ status: 422 });
    expect(
      (
        await err(
          createRecord({
            ctx: t.viewer,
            projectId: t.project.id,
            databaseId: t.database.id,
            input: { data: { [t.f.Name]: "V" } },
          }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await err(
          listRecords({
            ctx: t.outsider,
            projectId: t.project.id,
            databaseId: t.database.id,
            input: {},
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await listRecords({
          ctx: t.viewer,
          projectId: t.project.id,
          databaseId: t.database.id,
          input: {},
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
      projectId: t.project.id,
      id: t.database.id,
      input: { op: "add_field", field: { name: "Score", type: "number" } },
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
          projectId: t.project.id,
          databaseId: t.database.id,
          input,
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
          projectId: t.project.id,
          databaseId: t.database.id,
          input: { filters: [{ field: t.f.Name, op: "gte", value: 1 }] },
        }),
      ),
    ).toMatchObject({ status: 422, details: { fields: [{ field: "filters.0.op" }] } });
  });
});

describe("databases: schema changes", () => {
  dbTest(
    "retype with a dry run: the failing record is listed, applying converts all or nothing, versioned and audited",
    async ({ db }) => {
      const t = await setup(db);
      await t.add({ [t.f.Name]: "Ada", [t.f.Age]: "36" });
      const bad = await t.add({ [t.f.Name]: "Bob", [t.f.Age]: "forty" });
      await t.add({ [t.f.Name]: "Cy" });
      const change = { op: "change_type", fieldId: t.f.Age, type: "number" } as const;
      const dry = await manageSchema({
        ctx: t.owner,
        projectId: t.project.id,
        id: t.database.id,
        input: change,
      });
      expect(dry).toMatchObject({
        applied: false,
        report: {
          total: 3,
          convertible: 2,
          failingCount: 1,
          failing: [{ recordId: bad.id, value: "forty", reason: '"forty" is not a number' }],
        },
      });
      const refused = await err(
        manageSchema({
          ctx: t.owner,
          projectId: t.project.id,
          id: t.database.id,
          input: { ...change, apply: true },
        }),
      );
      expect(refused).toMatchObject({
        status: 422,
        message: "1 of 3 records cannot become number; nothing was changed.",
      });
      expect(
        (
          await listRecords({
            ctx: t.owner,
            projectId: t.project.id,
            databaseId: t.database.id,
            input: { filters: [{ field: t.f.Age, op: "equals", value: "36" }] },
          })
        ).total,
      ).toBe(1);

      await updateRecord({
        ctx: t.owner,
        projectId: t.project.id,
        databaseId: t.database.id,
        id: bad.id,
        input: { data: { [t.f.Age]: "40" } },
      });
      const applied = await manageSchema({
        ctx: t.owner,
        projectId: t.project.id,
        id: t.database.id,
        input: { ...change, apply: true },
      });
      expect(applied).toMatchObject({ applied: true, database: { schemaVersion: 2 } });
      expect(applied.database.fields.find((x) => x.id === t.f.Age)?.type).toBe("number");
      const ages = (
        await listRecords({
          ctx: t.owner,
          projectId: t.project.id,
          databaseId: t.database.id,
          input: { sort: { field: t.f.Age } },
        })
      ).records.map((r) => r.data[t.f.Age]);
      expect(ages).toEqual([36, 40, undefined]); // an empty value stays absent: nothing is written for it
      const [row] = await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, "database.change_type"));
      expect(row?.metadata).toMatchObject({
        schemaVersion: 2,
        before: {
          fields: expect.arrayContaining([expect.objectContaining({ id: t.f.Age, type: "text" })]),
        },
        after: {
          fields: expect.arrayContaining([
            expect.objectContaining({ id: t.f.Age, type: "number" }),
          ]),
        },
      });
    },
  );

  dbTest(
    "rename keeps values, drop removes them, a required field needs a default once there are records",
    async ({ db }) => {
      const t = await setup(db);
      await t.add({ [t.f.Name]: "Ada", [t.f.Age]: "36" });
      const renamed = await manageSchema({
        ctx: t.owner,
        projectId: t.project.id,
        id: t.database.id,
        input: { op: "rename_field", fieldId: t.f.Age, name: "Years" },
      });
      expect(renamed.database.fields.find((x) => x.id === t.f.Age)?.name).toBe("Years");
      expect(
        await err(
          manageSchema({
            ctx: t.owner,
            projectId: t.project.id,
            id: t.database.id,
            input: { op: "rename_field", fieldId: t.f.Age, name: "name" },
          }),
        ),
      ).toMatchObject({ status: 422 });
      expect(
        await err(
          manageSchema({
            ctx: t.owner,
            projectId: t.project.id,
            id: t.database.id,
            input: { op: "add_field", field: { name: "Team", type: "text", required: true } },
          }),
        ),
      ).toMatchObject({ status: 422, details: { fields: [{ field: "field.default" }] } });
      const added = await manageSchema({
        ctx: t.owner,
        projectId: t.project.id,
        id: t.database.id,
        input: {
          op: "add_field",
          field: { name: "Team", type: "text", required: true, default: "blue" },
        },
      });
      const team = added.database.fields.find((x) => x.name === "Team")!.id;
      await manageSchema({
        ctx: t.owner,
        projectId: t.project.id,
        id: t.database.id,
        input: { op: "drop_field", fieldId: t.f.Age },
      });
      const [rec] = (
        await listRecords({
          ctx: t.owner,
          projectId: t.project.id,
          databaseId: t.database.id,
          input: {},
        })
      ).records;
      expect(rec?.data).toEqual({ [t.f.Name]: "Ada", [t.f.Role]: "engineer", [team]: "blue" });
      expect(
        (
          await err(
            manageSchema({
              ctx: t.viewer,
              projectId: t.project.id,
              id: t.database.id,
              input: { op: "drop_field", fieldId: t.f.Name },
            }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await err(
            createDatabase({ ctx: t.owner, projectId: t.project.id, input: { name: "crew" } }),
          )
        ).status,
      ).toBe(409);
      await dropDatabase({ ctx: t.owner, projectId: t.project.id, id: t.database.id });
      expect(
        (
          await err(
            listRecords({
              ctx: t.owner,
              projectId: t.project.id,
              databaseId: t.database.id,
              input: {},
            }),
          )
        ).status,
      ).toBe(404);
    },
  );
});

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
        projectId: t.project.id,
        databaseId: t.database.id,
        input: { format: "csv", content: bad },
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
            projectId: t.project.id,
            databaseId: t.database.id,
            input: {},
          })
        ).total,
      ).toBe(1);

      const good = 'Name,Age,Active\n"Lovelace, Ada",36,true\n"Quote ""Q""",,no\r\n';
      const ok = await importRecords({
        ctx: t.owner,
        projectId: t.project.id,
        databaseId: t.database.id,
        input: { format: "csv", content: good },
      });
      expect(ok).toMatchObject({ rows: 2, imported: 2, errorCount: 0 });
      const names = (
        await listRecords({
          ctx: t.owner,
          projectId: t.project.id,
          databaseId: t.database.id,
          input: { sort: { field: t.f.Name } },
        })
      ).records.map((r) => [r.data[t.f.Name], r.data[t.f.Role], r.data[t.f.Active]]);
      expect(names).toEqual([
        ["Ada", "engineer", undefined],
        ["Lovelace, Ada", "engineer", true],
        ['Quote "Q"', "engineer", false],
      ]);
    },
  );

  dbTest("JSON import, unknown columns, viewers, and too many rows", async ({ db }) => {
    const t = await setup(db);
    const { importRecords } = await import("@/lib/databases");
    const run = (ctx: typeof t.owner, format: "csv" | "json", content: string) =>
      importRecords({
        ctx,
        projectId: t.project.id,
        databaseId: t.database.id,
        input: { format, content },
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
          projectId: t.project.id,
          databaseId: t.database.id,
          input: {},
        })
      ).total,
    ).toBe(2);
  });
});
