import { describe, expect } from "vitest";
import { databaseRecords } from "@/db/schema";
import { createDatabase, deleteRecord, getDatabase, listDatabases } from "@/lib/databases";
import { dbTest } from "../helpers/db";
import { crewDatabase } from "../helpers/databases";

describe("databases: record counts in the project's list", () => {
  dbTest("each database reports how many records it holds", async ({ db }) => {
    const t = await crewDatabase(db);
    const { database: empty } = await createDatabase({
      ctx: t.owner,
      input: { projectId: t.project.id, name: "Empty" },
    });
    // 244 records, as in the report: written in one statement, as an import would.
    await db.insert(databaseRecords).values(
      Array.from({ length: 244 }, (_, i) => ({
        databaseId: t.database.id,
        data: { [t.f.Name]: `Crew ${i}` },
      })),
    );
    const counts = async () =>
      Object.fromEntries(
        (await listDatabases({ ctx: t.viewer, input: { projectId: t.project.id } })).databases.map(
          (d) => [d.name, d.recordCount],
        ),
      );
    expect(await counts()).toEqual({ Crew: 244, Empty: 0 });
    expect(empty.recordCount).toBe(0);

    const first = await t.add({ [t.f.Name]: "Ada" });
    await deleteRecord({ ctx: t.owner, input: { ...t.ref, recordId: first.id } });
    await t.add({ [t.f.Name]: "Grace" });
    expect(await counts()).toEqual({ Crew: 245, Empty: 0 });
    // The single database read agrees with the list.
    const one = await getDatabase({ ctx: t.viewer, input: t.ref });
    expect(one.database.recordCount).toBe(245);
  });
});
