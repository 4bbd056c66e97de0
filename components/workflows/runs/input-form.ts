import type { InputField } from "@/lib/workflows/nodes/trigger";

/*
 * The run form from a trigger's `inputs`: which controls to show, and the typed input a run is
 * started with. Read by hand, not with the trigger's zod schema, so the dialog ships no zod; the
 * server checks the input again (checkInput) and its field errors land on the same fields.
 */

export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const TYPES: InputField["type"][] = ["string", "number", "boolean", "object", "array"];

/** The trigger's input fields, with the schema's defaults (type string, required). */
export function inputFields(triggerConfig: Record<string, unknown> | null): InputField[] {
  const raw = triggerConfig?.inputs;
  if (!Array.isArray(raw)) return [];
  const out: InputField[] = [];
  for (const f of raw) {
    if (!f || typeof f !== "object") continue;
    const { name, type, required, description } = f as Record<string, unknown>;
    if (typeof name !== "string" || !NAME.test(name) || out.some((o) => o.name === name)) continue;
    out.push({
      name,
      type: TYPES.includes(type as InputField["type"]) ? (type as InputField["type"]) : "string",
      required: required !== false,
      description: typeof description === "string" ? description : "",
    });
  }
  return out;
}

/** What the form starts with: unchecked boxes, empty text, `{}` / `[]` for JSON fields. */
export function initialValues(fields: InputField[]): FormValues {
  const values: FormValues = {};
  for (const f of fields)
    values[f.name] =
      f.type === "boolean" ? false : f.type === "object" ? "{}" : f.type === "array" ? "[]" : "";
  return values;
}

/** The form's values as the run's input, or the problem of each field (as a predicate). */
export function parseInput(
  fields: InputField[],
  values: FormValues,
): { input: Record<string, unknown>; errors: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.type === "boolean") {
      input[f.name] = v === true;
      continue;
    }
    const text = typeof v === "string" ? v : "";
    if (!text.trim()) {
      if (f.required) errors[f.name] = "is required";
      continue;
    }
    if (f.type === "string") input[f.name] = text;
    else if (f.type === "number") {
      const n = Number(text.trim());
      if (Number.isFinite(n)) input[f.name] = n;
      else errors[f.name] = "must be a number";
    } else {
      const parsed = parseJson(text);
      const kind = Array.isArray(parsed) ? "array" : parsed === null ? "null" : typeof parsed;
      if (parsed === undefined) errors[f.name] = "must be valid JSON";
      else if (kind !== f.type)
        errors[f.name] =
          f.type === "object" ? "must be a JSON object ({…})" : "must be a JSON list ([…])";
      else input[f.name] = parsed;
    }
  }
  return { input, errors };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The API's field errors ("input.topic": "is required") by form field ("topic"). */
export function apiFieldErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const name = path.startsWith("input.") ? path.slice("input.".length) : null;
    if (name) out[name] ??= message;
  }
  return out;
}
