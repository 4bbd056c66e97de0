import type { FieldDef } from "@/lib/databases/constants";

/*
 * What a grid cell shows and what it saves, without React: typed text to the field's type, a
 * refusal in words that name the field, and the three states of a boolean (true, false, empty).
 */

/** The text a cell shows for a value; empty for none. */
export const showValue = (f: Pick<FieldDef, "type">, v: unknown): string =>
  v === null || v === undefined ? "" : f.type === "json" ? JSON.stringify(v) : String(v);

export type ParsedCell = { ok: true; value: unknown } | { ok: false; message: string };

/** A message that starts with the field's name: "Age must be a number", "Name: "x" is taken". */
export const aboutField = (name: string, message: string) =>
  /^[a-z]/.test(message) ? `${name} ${message}` : `${name}: ${message}`;

/**
 * What was typed, in the field's type, or why it cannot be saved. A json cell takes JSON only
 * (a string is written with its quotes): text that does not parse is refused with the parser's
 * reason, never stored as a string. Empty text clears the value.
 */
export function parseCell(f: Pick<FieldDef, "name" | "type">, raw: string): ParsedCell {
  if (raw.trim() === "") return { ok: true, value: null };
  if (f.type === "number") {
    const n = Number(raw.trim());
    return Number.isFinite(n)
      ? { ok: true, value: n }
      : { ok: false, message: aboutField(f.name, "must be a number") };
  }
  if (f.type === "json") {
    try {
      return { ok: true, value: JSON.parse(raw) };
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/\.$/, "") : "it does not parse";
      return { ok: false, message: aboutField(f.name, `is not valid JSON (${why})`) };
    }
  }
  return { ok: true, value: raw };
}

/** A boolean cell's next value on a click: empty → true → false → empty (a required one skips empty). */
export const nextBoolean = (v: unknown, required: boolean): boolean | null =>
  v === true ? false : v === false ? (required ? true : null) : true;

/** Why the server refused a cell's value, naming the field; a clash keeps the server's sentence. */
export function saveError(
  f: Pick<FieldDef, "id" | "name">,
  err: { code: string; message: string; fields: Record<string, string> },
): string {
  const own = err.fields[`data.${f.id}`];
  if (err.code === "conflict" || !own) return err.message;
  return aboutField(f.name, own);
}
