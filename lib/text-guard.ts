import { validationError, type AppError } from "./errors";

/**
 * What user input may carry before it is validated or stored: text PostgreSQL can hold (no NUL
 * character, which a `text` column refuses and which used to fail whole ledger batches) and
 * well-formed Unicode (no lone surrogate, which has no UTF-8 form: inside jsonb PGlite refuses
 * it, in a text column both drivers silently store U+FFFD), and JSON no deeper than the validators can
 * walk (zod recurses: a 10,000-deep document overflowed the stack and answered 500).
 */

/**
 * Nesting a JSON body or value may have. Real documents stay far below (a Tiptap list nested ten
 * deep is about 40 levels); zod's own recursion overflows the default stack near 1,500 levels.
 */
export const MAX_JSON_DEPTH = 512;

/** Why a string cannot be stored, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain a NUL character (\\u0000)";
  if (!value.isWellFormed())
    return "must be valid Unicode text (it contains a lone surrogate such as \\ud800)";
  return null;
}

const fieldOf = (path: readonly (string | number)[]) => path.map(String).join(".");

/** A 422 naming the field, in the shape of every other validation error. */
function refuse(path: readonly (string | number)[], message: string, code: string): AppError {
  return validationError([{ field: fieldOf(path), message, code }]);
}

export interface JsonCheckOptions {
  /** Where the value sits, prefixed to the field named in the error ("query", "data.notes"). */
  prefix?: readonly (string | number)[];
  /** Whether strings must be checked too (false when the text they came from could hold none). */
  strings?: boolean;
}

/**
 * Throws a 422 naming the first field that is nested deeper than MAX_JSON_DEPTH, or whose text
 * (a value or a key) cannot be stored. Iterative, so no input can overflow the stack here.
 */
export function assertStorableJson(value: unknown, options: JsonCheckOptions = {}): void {
  const strings = options.strings ?? true;
  // Each entry links to its parent: the path is spelled out only for the error, never per node.
  type Entry = { value: unknown; key: string | number | null; parent: Entry | null; depth: number };
  const pathOf = (e: Entry) => {
    const keys: (string | number)[] = [];
    for (let at: Entry | null = e; at && at.key !== null; at = at.parent) keys.push(at.key);
    return [...(options.prefix ?? []), ...keys.reverse()];
  };
  const stack: Entry[] = [{ value, key: null, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const v = entry.value;
    if (typeof v === "string") {
      const problem = strings ? textProblem(v) : null;
      if (problem) throw refuse(pathOf(entry), problem, "invalid_text");
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (entry.depth >= MAX_JSON_DEPTH)
      throw refuse(pathOf(entry), `is nested deeper than ${MAX_JSON_DEPTH} levels`, "too_deep");
    const depth = entry.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], key: i, parent: entry, depth });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child: Entry = {
        value: (v as Record<string, unknown>)[key],
        key,
        parent: entry,
        depth,
      };
      const problem = strings ? textProblem(key) : null;
      if (problem) throw refuse(pathOf(child), `(a key) ${problem}`, "invalid_text");
      stack.push(child);
    }
  }
}

/** The first reason `value` cannot be stored as JSON (depth, NUL, lone surrogate), or null. */
export function storableJsonProblem(value: unknown): string | null {
  try {
    assertStorableJson(value);
    return null;
  } catch (err) {
    const issue = (err as AppError).details?.fields?.[0];
    return issue ? `${issue.field ? `(at ${issue.field}) ` : ""}${issue.message}` : String(err);
  }
}

/** Each name and value of a query string, checked the same way ("query.<name>" in the error). */
export function assertStorableParams(params: Iterable<[string, string]>, where = "query"): void {
  for (const [name, value] of params) {
    const problem = textProblem(name) ?? textProblem(value);
    if (problem) throw refuse([where, name], problem, "invalid_text");
  }
}

/** Replaces what cannot be stored (NUL, lone surrogates) with U+FFFD: for text we record, not refuse. */
export function storableText(value: string): string {
  return value.replaceAll("\u0000", "\uFFFD").toWellFormed();
}
