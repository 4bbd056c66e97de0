import { z } from "zod";
import type { FieldDef, FieldType } from "@/db/schema";
import { storableJsonProblem } from "../text-guard";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as stored: a day stays `YYYY-MM-DD` (and must exist: no 2024-02-30); a moment with a time
 * becomes UTC (`2024-01-06T04:30:00.000Z`), so days, ranges and sorting agree whatever offset
 * was written. `null` when it is not a date.
 */
export function normalizeDate(v: string): string | null {
  if (DATE_ONLY.test(v)) {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v ? v : null;
  }
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The zod type of one field's value (non-null). */
export function valueSchema(f: Pick<FieldDef, "type" | "options">): z.ZodType {
  switch (f.type) {
    case "text":
      return z.string().max(10_000, { error: "must be at most 10000 characters" });
    case "number":
      return z.number({ error: "must be a number" }).finite();
    case "boolean":
      return z.boolean({ error: "must be true or false" });
    case "date":
      return z
        .string()
        .regex(ISO_DATE, { error: "must be a date like 2026-11-25" })
        .refine((v) => normalizeDate(v) !== null, { error: "is not a real date" })
        .transform((v) => normalizeDate(v)!);
    case "select":
      return z.enum((f.options ?? []) as [string, ...string[]], {
        error: `must be one of ${(f.options ?? []).join(", ")}`,
      });
    case "json":
      return z.json({ error: "must be JSON" });
  }
}

/**
 * The zod schema of a record for the current fields: unknown keys refused, required fields
 * present, values of the right type (null or absent = empty). Built per request from the schema.
 */
export function recordSchema(fields: FieldDef[], opts: { partial?: boolean } = {}) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    const v = valueSchema(f);
    shape[f.id] = f.required && !opts.partial ? v : v.nullable().optional();
  }
  return z.object(shape).strict();
}

/** The parser's own words for why text is not JSON (e.g. "Unexpected end of JSON input"). */
export const jsonProblem = (err: unknown) =>
  err instanceof Error ? err.message.replace(/\.$/, "") : "it does not parse";

/** Converts a value to another type, or says why it cannot; `undefined`/`null` stay empty. */
export function convert(
  value: unknown,
  to: FieldType,
  options?: string[],
): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (value === null || value === undefined || value === "") return { ok: true, value: null };
  const text =
    typeof value === "string"
      ? value
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  switch (to) {
    case "text":
      return { ok: true, value: text };
    case "number": {
      const n =
        typeof value === "number"
          ? value
          : typeof value === "boolean"
            ? Number(value)
            : Number(text.trim());
      return text.trim() !== "" && Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, reason: `"${text.slice(0, 50)}" is not a number` };
    }
    case "boolean": {
      const t = text.trim().toLowerCase();
      if (["true", "yes", "1", "y", "on"].includes(t)) return { ok: true, value: true };
      if (["false", "no", "0", "n", "off"].includes(t)) return { ok: true, value: false };
      return { ok: false, reason: `"${text.slice(0, 50)}" is not true/false` };
    }
    case "date": {
      const date =
        typeof value === "number"
          ? Number.isFinite(value)
            ? new Date(value).toISOString().slice(0, 10)
            : null
          : normalizeDate(text.trim());
      return date === null
        ? { ok: false, reason: `"${text.slice(0, 50)}" is not a date` }
        : { ok: true, value: date };
    }
    case "select":
      return options?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, reason: `"${text.slice(0, 50)}" is not one of the options` };
    case "json":
      // Text in a json field must be JSON (a string is "…" with its quotes): never keep text that
      // does not parse as a string, or a typo in {"a": 1} would be stored silently.
      if (typeof value !== "string") return { ok: true, value };
      try {
        const parsed: unknown = JSON.parse(value);
        const problem = storableJsonProblem(parsed);
        return problem ? { ok: false, reason: `the JSON ${problem}` } : { ok: true, value: parsed };
      } catch (err) {
        return {
          ok: false,
          reason: `"${text.slice(0, 50)}" is not valid JSON (${jsonProblem(err)})`,
        };
      }
  }
}
