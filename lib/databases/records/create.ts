import "server-only";
import { databaseRecords } from "@/db/schema";
import { requireUser } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { getDatabaseForActor } from "../access";
import { CreateRecordInput, type RecordOutput } from "../schemas";
import { toRecordView } from "../views";
import { checkedValues } from "./rules";

/** Adds a record (editors and owners), its values checked against the current schema. */
export async function createRecord({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<RecordOutput> {
  const actor = requireUser(ctx, { scope: "write", system: true });
  const { projectId, databaseId, data } = CreateRecordInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, databaseId, {
      minRole: "editor",
      lock: true,
    });
    const values = await checkedValues(tx, d, data, { creating: true });
    const [row] = await tx.db
      .insert(databaseRecords)
      .values({ databaseId: d.id, data: values, createdBy: actor.userId })
      .returning();
    return { record: toRecordView(row!) };
  });
}
