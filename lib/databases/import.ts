import "server-only";
import { databaseRecords, type FieldDef } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { AppError, validationError } from "../errors";
import { assertStorableJson } from "../text-guard";
import { getDatabaseForActor } from "./access";
import { parseCsv, type CsvDelimiter } from "./csv";
import { tooLarge, valueTaken, withDefaults } from "./records/rules";
import {
  ImportRecordsInput,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MAX_RECORD_BYTES,
  type ImportReport,
} from "./schemas";
import { convert, recordSchema } from "./values";

/** Rows as objects keyed by field name, from CSV (header row; `,` `;` or tab) or a JSON array. */
function rowsOf(
  format: "csv" | "json",
  content: string,
): { rows: Record<string, unknown>[]; delimiter?: CsvDelimiter } {
  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw validationError([{ field: "content", message: "is not valid JSON" }]);
    }
    assertStorableJson(parsed, { prefix: ["content"] });
    const objects =
      Array.isArray(parsed) && parsed.every((r) => r && typeof r === "object" && !Array.isArray(r));
    if (!objects)
      throw validationError([{ field: "content", message: "must be a JSON array of objects" }]);
    return { rows: parsed as Record<string, unknown>[] };
  }
  const { rows, delimiter, problems } = parseCsv(content, { maxRows: MAX_IMPORT_ROWS });
  if (problems.length) {
    const [first] = problems;
    throw validationError([
      { field: "content", message: `has a problem in row ${first!.row}: ${first!.message}` },
    ]);
  }
  const [header, ...lines] = rows;
  if (!header) {
    throw validationError([
      { field: "content", message: "is empty: the first row must name the fields" },
    ]);
  }
  // A row with more cells than the header has a value no column holds: refuse it, never drop it
  // (trailing empty cells, as some spreadsheets write, are fine).
  const wide = lines.findIndex((cells) => cells.slice(header.length).some((c) => c.trim() !== ""));
  if (wide !== -1) {
    const cells = lines[wide]!.length;
    throw validationError([
      {
        field: "content",
        message: `has ${cells} cells in row ${wide + 1} but the header names ${header.length} column${header.length === 1 ? "" : "s"}`,
      },
    ]);
  }
  return {
    rows: lines.map((cells) =>
      Object.fromEntries(header.map((h, i) => [h.trim(), cells[i] ?? ""])),
    ),
    delimiter,
  };
}

const tooBig = (message: string, problem: string) =>
  new AppError("payload_too_large", message, { fields: [{ field: "content", message: problem }] });

/**
 * Imports records from CSV or JSON (editors and owners), all or nothing: every row is converted
 * to the fields' types and checked by the same rules as a single record (and unique values
 * against each other and the existing records); one bad row → 422 with a per-row report and
 * nothing written. Columns must name existing fields (case-insensitive); missing columns take
 * the field's default.
 */
export async function importRecords({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ImportReport> {
  const actor = requireUser(ctx, { scope: "write" });
  const { projectId, databaseId, format, content } = ImportRecordsInput.parse(input);
  const bytes = Buffer.byteLength(content);
  if (bytes > MAX_IMPORT_BYTES) {
    const mb = MAX_IMPORT_BYTES / 1024 / 1024;
    throw tooBig(`An import is at most ${mb} MB; split the file.`, `is ${bytes} bytes`);
  }
  // Parsed before the database's row lock is taken: a slow file holds up nobody else.
  const { rows, delimiter } = rowsOf(format, content);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw tooBig(
      `An import has at most ${MAX_IMPORT_ROWS} rows; split the file.`,
      `has more than ${MAX_IMPORT_ROWS} rows`,
    );
  }
  return withTransaction(ctx, async (tx) => {
    const d = await getDatabaseForActor(tx, actor, projectId, databaseId, {
      minRole: "editor",
      lock: true,
    });
    const { values, errors } = await checkRows(tx, d.id, d.fields, rows, format);
    const report: ImportReport = {
      rows: rows.length,
      imported: 0,
      errors: errors.slice(0, 100),
      errorCount: errors.length,
      ...(delimiter && { delimiter }),
    };
    if (errors.length) {
      throw new AppError(
        "validation",
        `${errors.length} of ${rows.length} rows cannot be imported; nothing was imported.`,
        { report },
      );
    }
    for (let i = 0; i < values.length; i += 500) {
      const batch = values.slice(i, i + 500);
      await tx.db
        .insert(databaseRecords)
        .values(batch.map((data) => ({ databaseId: d.id, data, createdBy: actor.userId })));
    }
    await recordAudit(tx, {
      action: "database.import",
      targetType: "database",
      targetId: d.id,
      metadata: { format, rows: rows.length, ...(delimiter && { delimiter }) },
    });
    return { ...report, imported: rows.length };
  });
}

/** Every row converted and checked; the problems of each bad row, by 1-based row number. */
async function checkRows(
  ctx: Ctx,
  databaseId: string,
  fields: FieldDef[],
  rows: Record<string, unknown>[],
  format: "csv" | "json",
) {
  const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const unknown = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
    (k) => !byName.has(k.toLowerCase()),
  );
  if (unknown.length) {
    const names = unknown.slice(0, 10).join(", ");
    throw validationError([
      { field: "content", message: `names columns that are not fields of this database: ${names}` },
    ]);
  }
  const nameOf = (id: string) => fields.find((f) => f.id === id)?.name ?? (id || "row");
  const schema = recordSchema(fields);
  const seen = new Map<string, Map<string, number>>(); // unique field id → value → first row
  const errors: ImportReport["errors"] = [];
  const values = rows.map((raw, index) => {
    const problems: string[] = [];
    const converted: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const f = byName.get(key.toLowerCase())!;
      const c =
        // CSV cells are text to convert (a json cell must hold JSON); a JSON file's values are typed
        // already, but "42" still becomes a number field's 42 — except in a json field, where a
        // string is a JSON string.
        format === "csv" || (typeof value === "string" && f.type !== "json")
          ? convert(value, f.type, f.options)
          : { ok: true as const, value };
      if (!c.ok) problems.push(`${f.name}: ${c.reason}`);
      else if (c.value !== null) converted[f.id] = c.value;
    }
    const data = withDefaults(fields, converted);
    const parsed = schema.safeParse(data);
    for (const issue of parsed.error?.issues ?? []) {
      problems.push(`${nameOf(String(issue.path[0] ?? ""))}: ${issue.message}`);
    }
    if (tooLarge(data)) problems.push(`the row is larger than ${MAX_RECORD_BYTES / 1024} KB`);
    for (const f of fields.filter((x) => x.unique && data[x.id] !== undefined)) {
      const firstRows = seen.get(f.id) ?? new Map<string, number>();
      seen.set(f.id, firstRows);
      const k = JSON.stringify(data[f.id]);
      if (firstRows.has(k)) problems.push(`${f.name}: ${k} repeats row ${firstRows.get(k)}`);
      else firstRows.set(k, index + 1);
    }
    if (problems.length) errors.push({ row: index + 1, problems });
    return data;
  });
  for (const [fieldId, firstRows] of seen) {
    const f = fields.find((x) => x.id === fieldId)!;
    for (const [k, row] of firstRows) {
      if (await valueTaken(ctx, databaseId, fieldId, JSON.parse(k))) {
        errors.push({ row, problems: [`${f.name}: ${k} already exists in the database`] });
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { values, errors };
}
