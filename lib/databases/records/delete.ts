import "server-only";
import { eq } from "drizzle-orm";
import { databaseRecords } from "@/db/schema";
import { requireUser } from "../../auth/authorize";
import type { Ctx } from "../../context";
import { getDatabaseForActor } from "../access";
import { DeleteRecordInput } from "../schemas";
import { recordOf } from "./rules";

/** Deletes a record (editors and owners). */
export async function deleteRecord({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, databaseId, recordId } = DeleteRecordInput.parse(input);
  const d = await getDatabaseForActor(ctx, actor, projectId, databaseId, { minRole: "editor" });
  const current = await recordOf(ctx, d.id, recordId);
  await ctx.db.delete(databaseRecords).where(eq(databaseRecords.id, current.id));
}
