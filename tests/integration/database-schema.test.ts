import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditLog } from "@/db/schema";
import {
  createDatabase,
  dropDatabase,
  listRecords,
  manageSchema,
  updateRecord,
} from "@/lib/databases";
import { DropDatabaseOutput, ManageSchemaOutput } from "@/lib/databases/schemas";
import { dbTest } from "../helpers/db";
import { crewDatabase as setup, err } from "../helpers/databases";

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
        input: { ...t.ref, change },
      });
      expect(ManageSchemaOutput.parse(dry)).toEqual(dry);
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
          input: { ...t.ref, change: { ...change, apply: true } },
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
            input: { ...t.ref, filters: [{ field: t.f.Age, op: "equals", value: "36" }] },
          })
        ).total,
      ).toBe(1);

      await updateRecord({
        ctx: t.owner,
        input: { ...t.ref, recordId: bad.id, data: { [t.f.Age]: "40" } },
      });
      const applied = await manageSchema({
        ctx: t.owner,
        input: { ...t.ref, change: { ...change, apply: true } },
      });
      expect(ManageSchemaOutput.parse(applied)).toEqual(applied);
      expect(applied).toMatchObject({ applied: true, database: { schemaVersion: 2 } });
      expect(applied.database.fields.find((x) => x.id === t.f.Age)?.type).toBe("number");
      const ages = (
        await listRecords({
          ctx: t.owner,
          input: { ...t.ref, sort: { field: t.f.Age } },
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
        input: { ...t.ref, change: { op: "rename_field", fieldId: t.f.Age, name: "Years" } },
      });
      expect(renamed.database.fields.find((x) => x.id === t.f.Age)?.name).toBe("Years");
      expect(
        await err(
          manageSchema({
            ctx: t.owner,
            input: { ...t.ref, change: { op: "rename_field", fieldId: t.f.Age, name: "name" } },
          }),
        ),
      ).toMatchObject({ status: 422 });
      expect(
        await err(
          manageSchema({
            ctx: t.owner,
            input: {
              ...t.ref,
              change: { op: "add_field", field: { name: "Team", type: "text", required: true } },
            },
          }),
        ),
      ).toMatchObject({ status: 422, details: { fields: [{ field: "field.default" }] } });
      const added = await manageSchema({
        ctx: t.owner,
        input: {
          ...t.ref,
          change: {
            op: "add_field",
            field: { name: "Team", type: "text", required: true, default: "blue" },
          },
        },
      });
      const team = added.database.fields.find((x) => x.name === "Team")!.id;
      await manageSchema({
        ctx: t.owner,
        input: { ...t.ref, change: { op: "drop_field", fieldId: t.f.Age } },
      });
      const [rec] = (
        await listRecords({
          ctx: t.owner,
          input: t.ref,
        })
      ).records;
      expect(rec?.data).toEqual({ [t.f.Name]: "Ada", [t.f.Role]: "engineer", [team]: "blue" });
      expect(
        (
          await err(
            manageSchema({
              ctx: t.viewer,
              input: { ...t.ref, change: { op: "drop_field", fieldId: t.f.Name } },
            }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await err(
            createDatabase({ ctx: t.owner, input: { projectId: t.project.id, name: "crew" } }),
          )
        ).status,
      ).toBe(409);
      const dropped = await dropDatabase({ ctx: t.owner, input: t.ref });
      expect(DropDatabaseOutput.parse(dropped)).toEqual(dropped);
      expect(dropped).toEqual({ dropped: { id: t.database.id, name: "Crew", records: 1 } });
      expect(
        (
          await err(
            listRecords({
              ctx: t.owner,
              input: t.ref,
            }),
          )
        ).status,
      ).toBe(404);
    },
  );
});
