import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { databaseRecords, type FieldDef } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { AppError, validationError } from "../errors";
import { getDatabaseForActor } from "./access";
import { parseCsv } from "./csv";
import { ImportRecordsInput, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_RECORD_BYTES } from "./schemas";
import { convert, recordSchema } from "./values";

export interface ImportReport {
  rows: number;
  imported: number;
  /** Up to 100 rows that cannot be imported (1-based data row numbers), with every problem of each. */
  errors: { row: number; problems: string[] }[];
  errorCount: number;
}

/** Rows as objects keyed by field name, from CSV (header row) or a JSON array. */
function rowsOf(format: "csv" | "json", content: string): Record<string, unknown>[] {
  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw validationError([{ field: "content", message: "is not valid JSON" }]);
    }
    if (
      !Array.isArray(parsed) ||
      parsed.some((r) => !r || typeof r !== "object" || Array.isArray(r))
    )
      throw validationError([{ field: "content", message: "must be a JSON array of objects" }]);
    return parsed as Record<string, unknown>[];
  }
  const [header, ...lines] = parseCsv(content);
  if (!header)
    throw validationError([
      { field: "content", message: "is empty: the first row must name the fields" },
    ]);
  return lines.map((cells) => Object.fromEntries(header.map((h, i) => [h.trim(), cells[i] ?? ""])));
}

/**
 * Imports records from CSV or JSON (editors and owners), all or nothing: every row is converted
 * to the fields' types and validated against the schema (and unique values against each other and
 * the existing records); one bad row → 422 with a per-row report and nothing written. Columns must
 * name existing fields (case-insensitive); missing columns take the field's default.
 */
export async function importRecords({
  ctx,
  projectId,
  databaseId,
  input,
}: {
  ctx: Ctx;
  projectId: string;
  databaseId: string;
  input: unknown;
}): Promise<ImportReport> {
  const actor = requireUser(ctx, { scope: "write" });
  const { format, content } = ImportRecordsInput.parse(input);
  const bytes = Buffer.byteLength(content);
  if (bytes > MAX_IMPORT_BYTES)
    throw new AppError(
      "payload_too_large",
      `An import is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split the file.`,
      { fields: [{ field: "content", message: `is ${bytes} bytes` }] },
    );
  return withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, databaseId, {
      minRole: "editor",
      lock: true,
    });
    const rows = rowsOf(format, content);
    if (rows.length > MAX_IMPORT_ROWS)
      throw new AppError(
        "payload_too_large",
        `An import has at most ${MAX_IMPORT_ROWS} rows; split the file.`,
        { fields: [{ field: "content", message: `has ${rows.length} rows` }] },
      );
    const byName = new Map(d.fields.map((f) => [f.name.toLowerCase(), f]));
    const unknown = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
      (k) => !byName.has(k.toLowerCase()),
    );
    if (unknown.length)
      throw validationError([
        {
          field: "content",
          message: `names columns that are not fields of this database: ${unknown.slice(0, 10).join(", ")}`,
        },
      ]);

    const schema = recordSchema(d.fields);
    const seen = new Map<string, Map<string, number>>(); // unique field id → value → first row
    const errors: ImportReport["errors"] = [];
    const values: Record<string, unknown>[] = [];
    rows.forEach((raw, index) => {
      const problems: string[] = [];
      const data: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw)) {
        const f = byName.get(key.toLowerCase())!;
        const c =
          format === "csv" || typeof value === "string"
            ? convert(value, f.type, f.options)
            : { ok: true as const, value };
        if (c.ok) {
          if (c.value !== null) data[f.id] = c.value;
        } else problems.push(`${f.name}: ${c.reason}`);
      }
      for (const f of d.fields)
        if (data[f.id] === undefined && f.default !== undefined) data[f.id] = f.default;
      const parsed = schema.safeParse(data);
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          problems.push(`${nameOf(d.fields, String(issue.path[0] ?? ""))}: ${issue.message}`);
      if (Buffer.byteLength(JSON.stringify(data)) > MAX_RECORD_BYTES)
        problems.push(`the row is larger than ${MAX_RECORD_BYTES / 1024} KB`);
      for (const f of d.fields.filter((x) => x.unique && data[x.id] !== undefined)) {
        const m = seen.get(f.id) ?? new Map<string, number>();
        seen.set(f.id, m);
        const k = JSON.stringify(data[f.id]);
        if (m.has(k)) problems.push(`${f.name}: ${k} repeats row ${m.get(k)}`);
        else m.set(k, index + 1);
      }
      if (problems.length) errors.push({ row: index + 1, problems });
      values.push(data);
    });
    for (const [fieldId, m] of seen) {
      const f = d.fields.find((x) => x.id === fieldId)!;
      for (const [k, row] of m) {
        const clash = await tx.db.$count(
          databaseRecords,
          and(
            eq(databaseRecords.databaseId, d.id),
            sql`${databaseRecords.data} @> ${JSON.stringify({ [fieldId]: JSON.parse(k) })}::jsonb`,
          ),
        );
        if (clash)
          errors.push({ row, problems: [`${f.name}: ${k} already exists in the database`] });
      }
    }
    errors.sort((a, b) => a.row - b.row);
    const report: ImportReport = {
      rows: rows.length,
      imported: 0,
      errors: errors.slice(0, 100),
      errorCount: errors.length,
    };
    if (errors.length)
      throw new AppError(
        "validation",
        `${errors.length} of ${rows.length} rows cannot be imported; nothing was imported.`,
        { report },
      );
    for (let i = 0; i < values.length; i += 500) {
      await tx.db
        .insert(databaseRecords)
        .values(
          values
            .slice(i, i + 500)
            .map((data) => ({ databaseId: d.id, data, createdBy: actor.userId })),
        );
    }
    await recordAudit(tx, {
      action: "database.import",
      targetType: "database",
      targetId: d.id,
      metadata: { format, rows: rows.length },
    });
    return { ...report, imported: rows.length };
  });
}

const nameOf = (fields: FieldDef[], id: string) =>
  fields.find((f) => f.id === id)?.name ?? (id || "row");
