import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import {
  databaseRecords,
  type DatabaseRecord,
  type FieldDef,
  type ProjectDatabase,
} from "@/db/schema";
import type { Ctx } from "../../context";
import { AppError, conflict, fromZodError, notFound, validationError } from "../../errors";
import { isUuid } from "../../ids";
import { MAX_RECORD_BYTES } from "../schemas";
import { recordSchema } from "../values";

/*
 * The rules every record write follows, whether one record at a time or a whole import: defaults
 * fill what a new record leaves out, values match the fields' zod schema, a record is at most
 * MAX_RECORD_BYTES as JSON, and unique fields are checked under the database's row lock (so two
 * concurrent writes cannot both pass).
 */

/** The record with each field's default where it gives no value. */
export function withDefaults(fields: FieldDef[], data: Record<string, unknown>) {
  const out = { ...data };
  for (const f of fields)
    if (out[f.id] === undefined && f.default !== undefined) out[f.id] = f.default;
  return out;
}

export const tooLarge = (data: Record<string, unknown>) =>
  Buffer.byteLength(JSON.stringify(data)) > MAX_RECORD_BYTES;

/** Whether another record of the database already holds `value` in the (unique) field. */
export async function valueTaken(
  ctx: Ctx,
  databaseId: string,
  fieldId: string,
  value: unknown,
  exceptRecordId?: string,
): Promise<boolean> {
  const n = await ctx.db.$count(
    databaseRecords,
    and(
      eq(databaseRecords.databaseId, databaseId),
      sql`${databaseRecords.data} @> ${JSON.stringify({ [fieldId]: value })}::jsonb`,
      exceptRecordId ? ne(databaseRecords.id, exceptRecordId) : undefined,
    ),
  );
  return n > 0;
}

/**
 * One record's values, checked: a new record with its defaults, or a changed one whose required
 * fields are still set; 422 naming `data.<field id>`, 413 past the size cap, 409 on a taken
 * unique value.
 */
export async function checkedValues(
  ctx: Ctx,
  d: ProjectDatabase,
  data: Record<string, unknown>,
  change: { creating: true } | { creating: false; recordId: string },
): Promise<Record<string, unknown>> {
  const input = change.creating ? withDefaults(d.fields, data) : data;
  const parsed = recordSchema(d.fields, { partial: !change.creating }).safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "data");
  const values = parsed.data as Record<string, unknown>;
  if (tooLarge(values)) {
    throw new AppError("payload_too_large", `A record is at most ${MAX_RECORD_BYTES / 1024} KB.`, {
      fields: [{ field: "data", message: `must be at most ${MAX_RECORD_BYTES} bytes as JSON` }],
    });
  }
  if (!change.creating) {
    for (const f of d.fields) {
      if (f.required && (values[f.id] === null || values[f.id] === undefined)) {
        throw validationError([{ field: `data.${f.id}`, message: "is required" }]);
      }
    }
  }
  const exceptId = change.creating ? undefined : change.recordId;
  for (const f of d.fields) {
    const value = values[f.id];
    if (!f.unique || value === undefined || value === null) continue;
    if (await valueTaken(ctx, d.id, f.id, value, exceptId)) {
      throw conflict(`Another record already has ${f.name} = ${JSON.stringify(value)}.`, {
        fields: [{ field: `data.${f.id}`, message: "must be unique" }],
      });
    }
  }
  return values;
}

/** A record of the database, or 404 (also for a malformed id). */
export async function recordOf(ctx: Ctx, databaseId: string, id: string): Promise<DatabaseRecord> {
  if (!isUuid(id)) throw notFound("Record");
  const [r] = await ctx.db
    .select()
    .from(databaseRecords)
    .where(and(eq(databaseRecords.id, id), eq(databaseRecords.databaseId, databaseId)));
  if (!r) throw notFound("Record");
  return r;
}
