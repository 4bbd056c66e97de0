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

/**
 * A path as the error's `field`: every segment, up to a point — a 512-deep path of long keys
 * would make the error bigger than the body, so long paths keep their start and end.
 */
function fieldOf(path: readonly (string | number)[]): string {
  const parts = path.map((p) => String(p).slice(0, 100));
  if (parts.length <= 40) return parts.join(".");
  return [...parts.slice(0, 20), `…(${parts.length - 39} more)…`, ...parts.slice(-19)].join(".");
}

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
 * (a value or a key) cannot be stored. Iterative, so no input can overflow the stack here. Meant
 * for what JSON.parse made (a tree): shared or cyclic references would be walked once per path.
 */
export function assertStorableJson(value: unknown, options: JsonCheckOptions = {}): void {
  const strings = options.strings ?? true;
  const prefix = options.prefix ?? [];
  if (typeof value === "string") {
    const problem = strings ? textProblem(value) : null;
    if (problem) throw refuse(prefix, problem, "invalid_text");
    return;
  }
  if (value === null || typeof value !== "object") return;
  // One frame per open container, with a cursor over its children: the stack is bounded by the
  // depth (≤ MAX_JSON_DEPTH), however wide the JSON (a flat 4 MB array pushes nothing). Each
  // frame links to its parent: the path is spelled out only for the error, never per node.
  type Frame = {
    node: object;
    keys: string[] | null; // null for an array
    next: number;
    key: string | number | null;
    parent: Frame | null;
    depth: number;
  };
  const pathOf = (frame: Frame, last: string | number) => {
    const keys: (string | number)[] = [last];
    for (let at: Frame | null = frame; at && at.key !== null; at = at.parent) keys.push(at.key);
    return [...prefix, ...keys.reverse()];
  };
  const open = (node: object, key: Frame["key"], parent: Frame | null, depth: number): Frame => ({
    node,
    keys: Array.isArray(node) ? null : Object.keys(node),
    next: 0,
    key,
    parent,
    depth,
  });
  const stack: Frame[] = [open(value, null, null, 0)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const size = frame.keys ? frame.keys.length : (frame.node as unknown[]).length;
    if (frame.next >= size) {
      stack.pop();
      continue;
    }
    const index = frame.next++;
    const key = frame.keys ? frame.keys[index]! : index;
    if (frame.keys && strings) {
      const problem = textProblem(key as string);
      if (problem) throw refuse(pathOf(frame, key), `(a key) ${problem}`, "invalid_text");
    }
    const child = (frame.node as Record<string | number, unknown>)[key];
    if (typeof child === "string") {
      const problem = strings ? textProblem(child) : null;
      if (problem) throw refuse(pathOf(frame, key), problem, "invalid_text");
    } else if (child !== null && typeof child === "object") {
      if (frame.depth + 1 >= MAX_JSON_DEPTH)
        throw refuse(
          pathOf(frame, key),
          `is nested deeper than ${MAX_JSON_DEPTH} levels`,
          "too_deep",
        );
      stack.push(open(child, key, frame, frame.depth + 1));
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
