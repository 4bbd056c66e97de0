import "server-only";
import { asc, eq } from "drizzle-orm";
import { databaseRecords } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { getDatabaseForActor } from "./access";
import { ExportRecordsInput, type ExportRecordsOutput } from "./schemas";

const csvCell = (v: unknown, json = false) => {
  if (v === null || v === undefined) return "";
  // A json field's cell is JSON text (a string keeps its quotes), as import reads it back.
  const s = json || typeof v === "object" ? JSON.stringify(v) : String(v);
  // Quote when needed; text with a leading = + - @ is prefixed so spreadsheets do not run it as a
  // formula. Numbers, booleans and JSON are never formulas: -12.5 must import back as -12.5.
  const text = typeof v === "string" && !json;
  const safe = text && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  // Quoted also for ; and tab: an import detects the delimiter, and must not find one in a cell.
  return /[",;\t\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** All records as CSV (header = field names) or JSON (objects keyed by field name), oldest first (any member). */
export async function exportRecords({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ExportRecordsOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const { projectId, databaseId, format } = ExportRecordsInput.parse(input);
  const d = await getDatabaseForActor(ctx, actor, projectId, databaseId);
  const rows = await ctx.db
    .select({ data: databaseRecords.data })
    .from(databaseRecords)
    .where(eq(databaseRecords.databaseId, d.id))
    .orderBy(asc(databaseRecords.seq));
  const base = d.name.replace(/[^\w.-]+/g, "_").slice(0, 60) || "database";
  if (format === "json") {
    const objects = rows.map((r) =>
      Object.fromEntries(d.fields.map((f) => [f.name, r.data[f.id] ?? null])),
    );
    return {
      filename: `${base}.json`,
      contentType: "application/json",
      body: JSON.stringify(objects, null, 2),
    };
  }
  const lines = [
    d.fields.map((f) => csvCell(f.name)).join(","),
    ...rows.map((r) => d.fields.map((f) => csvCell(r.data[f.id], f.type === "json")).join(",")),
  ];
  return {
    filename: `${base}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: `${lines.join("\r\n")}\r\n`,
  };
}
