import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { databaseRecords, type DatabaseRecord, type ProjectDatabase } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { AppError, conflict, fromZodError, notFound, validationError } from "../errors";
import { getDatabaseForActor } from "./access";
import { queryRecords } from "./query";
import { ListRecordsInput, MAX_RECORD_BYTES, RecordInput } from "./schemas";
import { recordSchema } from "./values";
import { isUuid } from "../ids";

export interface RecordView {
  id: string;
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
const toView = (r: DatabaseRecord): RecordView => ({
  id: r.id,
  data: r.data,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Validates values against the database's current schema (zod built from it) and the size cap; fills defaults on create. */
function validate(
  d: ProjectDatabase,
  data: Record<string, unknown>,
  creating: boolean,
): Record<string, unknown> {
  const withDefaults = { ...data };
  if (creating)
    for (const f of d.fields)
      if (withDefaults[f.id] === undefined && f.default !== undefined)
        withDefaults[f.id] = f.default;
  const parsed = recordSchema(d.fields, { partial: !creating }).safeParse(withDefaults);
  if (!parsed.success) throw fromZodError(parsed.error, "data");
  if (Buffer.byteLength(JSON.stringify(parsed.data)) > MAX_RECORD_BYTES) {
    throw new AppError("payload_too_large", `A record is at most ${MAX_RECORD_BYTES / 1024} KB.`, {
      fields: [{ field: "data", message: `must be at most ${MAX_RECORD_BYTES} bytes as JSON` }],
    });
  }
  return parsed.data as Record<string, unknown>;
}

/** Unique fields: checked under the database's row lock, so two concurrent writes cannot both pass. */
async function checkUnique(
  ctx: Ctx,
  d: ProjectDatabase,
  data: Record<string, unknown>,
  exceptId?: string,
) {
  for (const f of d.fields.filter(
    (x) => x.unique && data[x.id] !== undefined && data[x.id] !== null,
  )) {
    const clash = await ctx.db.$count(
      databaseRecords,
      and(
        eq(databaseRecords.databaseId, d.id),
        sql`${databaseRecords.data} @> ${JSON.stringify({ [f.id]: data[f.id] })}::jsonb`,
        exceptId ? ne(databaseRecords.id, exceptId) : undefined,
      ),
    );
    if (clash)
      throw conflict(`Another record already has ${f.name} = ${JSON.stringify(data[f.id])}.`, {
        fields: [{ field: `data.${f.id}`, message: "must be unique" }],
      });
  }
}

export async function createRecord({
  ctx,
  projectId,
  databaseId,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  databaseId: string;
  input: unknown;
}): Promise<RecordView> {
  const actor = requireUser(ctx, { scope: "write" });
  const { data } = RecordInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, databaseId, {
      minRole: "editor",
      lock: true,
    });
    const values = validate(d, data, true);
    await checkUnique(tx, d, values);
    const [row] = await tx.db
      .insert(databaseRecords)
      .values({ databaseId: d.id, data: values, createdBy: actor.userId })
      .returning();
    return toView(row!);
  });
}

/** Changes the given values of a record (others stay); null clears a value (unless required). */
export async function updateRecord({
  ctx,
  projectId,
  databaseId,
  id,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  databaseId: string;
  id: string;
  input: unknown;
}): Promise<RecordView> {
  const actor = requireUser(ctx, { scope: "write" });
  const { data } = RecordInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, databaseId, {
      minRole: "editor",
      lock: true,
    });
    const current = await recordOf(tx, d.id, id);
    const merged = validate(d, { ...current.data, ...data }, false);
    for (const f of d.fields)
      if (f.required && (merged[f.id] === null || merged[f.id] === undefined))
        throw validationError([{ field: `data.${f.id}`, message: "is required" }]);
    await checkUnique(tx, d, merged, current.id);
    const [row] = await tx.db
      .update(databaseRecords)
      .set({ data: merged, updatedAt: tx.clock.now() })
      .where(eq(databaseRecords.id, current.id))
      .returning();
    return toView(row!);
  });
}

export async function deleteRecord({
  ctx,
  projectId,
  databaseId,
  id,
}: {
  ctx: Ctx;
  projectId: string;
  databaseId: string;
  id: string;
}): Promise<void> {
  const actor = requireUser(ctx, { scope: "write" });
  const d = await getDatabaseForActor(ctx, actor, projectId, databaseId, { minRole: "editor" });
  const current = await recordOf(ctx, d.id, id);
  await ctx.db.delete(databaseRecords).where(eq(databaseRecords.id, current.id));
}

async function recordOf(ctx: Ctx, databaseId: string, id: string): Promise<DatabaseRecord> {
  if (!isUuid(id)) throw notFound("Record");
  const [r] = await ctx.db
    .select()
    .from(databaseRecords)
    .where(and(eq(databaseRecords.id, id), eq(databaseRecords.databaseId, databaseId)));
  if (!r) throw notFound("Record");
  return r;
}

/** Records with filters (per field type), sort and paging (any member). */
export async function listRecords({
  ctx,
  projectId,
  databaseId,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  databaseId: string;
  input: unknown;
}): Promise<{ records: RecordView[]; total: number }> {
  const actor = requireUser(ctx, { scope: "read" });
  const q = ListRecordsInput.parse(input ?? {});
  const d = await getDatabaseForActor(ctx, actor, projectId, databaseId);
  const { rows, total } = await queryRecords(ctx, d, q);
  return { records: rows.map(toView), total };
}
