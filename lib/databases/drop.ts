import "server-only";
import { eq } from "drizzle-orm";
import { databaseRecords, projectDatabases } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { getDatabaseForActor } from "./access";
import { DropDatabaseInput, type DropDatabaseOutput } from "./schemas";

/** Drops a database and its records (editors and owners). Audited with its schema. */
export async function dropDatabase({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<DropDatabaseOutput> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, databaseId } = DropDatabaseInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, databaseId, {
      minRole: "editor",
      lock: true,
    });
    const records = await tx.db.$count(databaseRecords, eq(databaseRecords.databaseId, d.id));
    await tx.db.delete(projectDatabases).where(eq(projectDatabases.id, d.id));
    await recordAudit(tx, {
      action: "database.drop",
      targetType: "database",
      targetId: d.id,
      metadata: {
        projectId: d.projectId,
        before: { name: d.name, fields: d.fields, schemaVersion: d.schemaVersion },
      },
    });
    return { dropped: { id: d.id, name: d.name, records } };
  });
}
