import "server-only";
import { eq } from "drizzle-orm";
import { databaseRecords } from "@/db/schema";
import { requireUser } from "../../auth/authorize";
import { withTransaction, type Ctx } from "../../context";
import { getDatabaseForActor } from "../access";
import { UpdateRecordInput, type RecordOutput } from "../schemas";
import { toRecordView } from "../views";
import { checkedValues, recordOf } from "./rules";

/** Changes the given values of a record (others stay); null clears a value (unless required). */
export async function updateRecord({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<RecordOutput> {
  const actor = requireUser(ctx, { scope: "write", system: true });
  const { projectId, databaseId, recordId, data } = UpdateRecordInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, databaseId, {
      minRole: "editor",
      lock: true,
    });
    const current = await recordOf(tx, d.id, recordId);
    const values = await checkedValues(
      tx,
      d,
      { ...current.data, ...data },
      {
        creating: false,
        recordId: current.id,
      },
    );
    const [row] = await tx.db
      .update(databaseRecords)
      .set({ data: values, updatedAt: tx.clock.now() })
      .where(eq(databaseRecords.id, current.id))
      .returning();
    return { record: toRecordView(row!) };
  });
}
