import "server-only";
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import {
  databaseRecords,
  databaseRecordValues,
  type DatabaseRecord,
  type FieldDef,
  type ProjectDatabase,
} from "@/db/schema";
import type { Ctx } from "../context";
import { validationError } from "../errors";
import { CREATED, filterOpRefusal, type RecordQuery } from "./schemas";
import { convert } from "./values";

/*
 * Record queries over the value index (database_record_values, kept exact by triggers): every
 * filter becomes "record id in (rows of that field matching a condition)", answered from the
 * (database, field, num, left(txt, 200), record) btree or, for "contains", the trigram index; a
 * sort walks the same btree for its field. Numbers live in `num`, everything else in `txt`.
 */

type Filter = RecordQuery["filters"][number];
/** The value columns of an alias of database_record_values. */
type ValueRows = { num: AnyPgColumn; txt: AnyPgColumn; key: AnyPgColumn };

const KEY_LENGTH = 200;
const bad = (field: string, message: string) => validationError([{ field, message }]);

/** The filter's value converted to the field's type (a number for numbers, a day for dates). */
function operand(f: FieldDef, flt: Filter, path: string): unknown {
  if (flt.value === undefined) throw bad(`${path}.value`, "is required for this operator");
  if (flt.op !== "contains" && (f.type === "number" || f.type === "date" || f.type === "boolean")) {
    const c = convert(flt.value, f.type);
    if (!c.ok || c.value === null)
      throw bad(`${path}.value`, c.ok ? "is required for this operator" : c.reason);
    return c.value;
  }
  return String(flt.value);
}

/** The day after a date's (UTC) day; stored dates are normalised to UTC, see normalizeDate. */
const nextDay = (date: string) =>
  new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** The first 200 characters as PostgreSQL counts them (code points, not UTF-16 units). */
const keyOf = (text: string) => sql`left(${text}::text, ${KEY_LENGTH})`;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Checks a filter against its field (the operator against the type's table in filter-ops.ts, the
 * value against the type) and returns its condition on that field's value rows `v`. Exported for
 * the unit test that holds the grid's operator table and this check together.
 */
export function filterCondition(f: FieldDef, flt: Filter, path: string): (v: ValueRows) => SQL {
  const refused = filterOpRefusal(f.type, flt.op);
  if (refused) throw bad(`${path}.op`, refused);
  switch (flt.op) {
    case "is_empty":
      return (v) => and(isNull(v.num), isNull(v.key))!;
    case "not_empty":
      return (v) => or(isNotNull(v.num), isNotNull(v.key))!;
    case "contains": {
      const pattern = `%${String(operand(f, flt, path)).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return (v) => sql`${v.txt} ilike ${pattern}`;
    }
    case "equals": {
      const value = operand(f, flt, path);
      if (f.type === "number") return (v) => eq(v.num, value);
      if (f.type === "date") {
        const day = String(value).slice(0, 10); // equals a date = anywhere on its (UTC) day
        return (v) => and(isNull(v.num), gte(v.key, day), lt(v.key, nextDay(day)))!;
      }
      const text = String(value);
      // key = the value's first 200 characters; only a value that long needs the full text compared.
      const textEquals = (v: ValueRows) =>
        and(eq(v.key, keyOf(text)), [...text].length >= KEY_LENGTH ? eq(v.txt, text) : undefined)!;
      // A json value is a number (num) or text; a numeric operand matches either.
      if (f.type === "json" && NUMERIC.test(text.trim()))
        return (v) => or(eq(v.num, Number(text)), textEquals(v))!;
      return (v) => and(isNull(v.num), textEquals(v))!;
    }
    case "gte":
    case "lte": {
      const value = operand(f, flt, path);
      if (f.type === "number")
        return (v) => (flt.op === "gte" ? gte(v.num, value) : lte(v.num, value));
      // Dates may carry a time: "≤ a day" means before the next day starts.
      return (v) =>
        and(
          isNull(v.num),
          flt.op === "gte" ? gte(v.key, value) : lt(v.key, nextDay(String(value))),
        )!;
    }
  }
}

/** Records with filters, sort and paging, and how many match. */
export async function queryRecords(
  ctx: Ctx,
  d: ProjectDatabase,
  q: RecordQuery,
): Promise<{ rows: DatabaseRecord[]; total: number }> {
  const field = (id: string, path: string) =>
    d.fields.find((f) => f.id === id) ??
    (() => {
      throw bad(path, "is not a field of this database");
    })();
  // A record has one value row per field, so every filter on a field is a condition on that one row:
  // "amount ≥ 100 and ≤ 200" is one range on the index, not two lookups.
  const byField = new Map<string, ((v: ValueRows) => SQL)[]>();
  q.filters.forEach((flt, i) => {
    const f = field(flt.field, `filters.${i}.field`);
    byField.set(f.id, [...(byField.get(f.id) ?? []), filterCondition(f, flt, `filters.${i}`)]);
  });
  const byValue = q.sort && q.sort.field !== CREATED ? q.sort : undefined;
  const sortField = byValue ? field(byValue.field, "sort.field") : undefined;
  const rowsOf = (
    v: ValueRows & { databaseId: AnyPgColumn; fieldId: AnyPgColumn },
    fieldId: string,
  ) =>
    and(
      eq(v.databaseId, d.id),
      eq(v.fieldId, fieldId),
      ...(byField.get(fieldId) ?? []).map((c) => c(v)),
    )!;
  /** "id is in the matching rows" for every filtered field except `except`. */
  const matching = (id: AnyPgColumn, except?: string) =>
    [...byField.keys()]
      .filter((fieldId) => fieldId !== except)
      .map((fieldId, i) => {
        const v = alias(databaseRecordValues, `v${i}`);
        return inArray(id, ctx.db.select({ id: v.recordId }).from(v).where(rowsOf(v, fieldId)));
      });

  // The page's ids are found on the narrow index rows first (skipped rows never touch a record),
  // then only the page's records are read.
  const offset = (q.page - 1) * q.pageSize;
  let rows: DatabaseRecord[];
  if (byValue) {
    const s = alias(databaseRecordValues, "s");
    const dir = byValue.dir === "asc" ? asc : desc;
    const page = ctx.db
      .select({ id: s.recordId, num: s.num, key: s.key })
      .from(s)
      .where(and(rowsOf(s, sortField!.id), ...matching(s.recordId, sortField!.id)))
      .orderBy(dir(s.num), dir(s.key), dir(s.recordId))
      .limit(q.pageSize)
      .offset(offset)
      .as("page");
    rows = await ctx.db
      .select(getTableColumns(databaseRecords))
      .from(page)
      .innerJoin(
        databaseRecords,
        and(eq(databaseRecords.id, page.id), eq(databaseRecords.databaseId, d.id)),
      )
      .orderBy(dir(page.num), dir(page.key), dir(page.id));
  } else {
    const dir = q.sort?.dir === "asc" ? asc : desc;
    const page = ctx.db
      .select({ id: databaseRecords.id, seq: databaseRecords.seq })
      .from(databaseRecords)
      .where(and(eq(databaseRecords.databaseId, d.id), ...matching(databaseRecords.id)))
      .orderBy(dir(databaseRecords.seq))
      .limit(q.pageSize)
      .offset(offset)
      .as("page");
    const r = alias(databaseRecords, "r");
    rows = await ctx.db
      .select(getTableColumns(r))
      .from(page)
      .innerJoin(r, eq(r.id, page.id))
      .orderBy(dir(page.seq));
  }

  // Counted on the first filtered field's value rows; the other fields narrow it by record id.
  const [first] = byField.keys();
  let total: number;
  if (first === undefined)
    total = await ctx.db.$count(databaseRecords, eq(databaseRecords.databaseId, d.id));
  else {
    const v = alias(databaseRecordValues, "c");
    const [row] = await ctx.db
      .select({ n: count() })
      .from(v)
      .where(and(rowsOf(v, first), ...matching(v.recordId, first)));
    total = row!.n;
  }
  return { rows, total };
}
