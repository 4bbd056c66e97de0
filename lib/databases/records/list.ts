import "server-only";
import { requireUser } from "../../auth/authorize";
import type { Ctx } from "../../context";
import { getDatabaseForActor } from "../access";
import { queryRecords } from "../query";
import { ListRecordsInput, type ListRecordsOutput } from "../schemas";
import { toRecordView } from "../views";

/** Records with filters (per field type), sort and paging (any member). */
export async function listRecords({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListRecordsOutput> {
  const actor = requireUser(ctx, { scope: "read", system: true });
  const { projectId, databaseId, ...query } = ListRecordsInput.parse(input);
  const d = await getDatabaseForActor(ctx, actor, projectId, databaseId);
  const { rows, total } = await queryRecords(ctx, d, query);
  return { records: rows.map(toRecordView), total };
}
