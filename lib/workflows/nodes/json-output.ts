import { z } from "zod";

const MAX_SCHEMA_BYTES = 20_000;

function hasRemoteRef(value: unknown, depth = 0): boolean {
  if (depth > 32) return true;
  if (Array.isArray(value)) return value.some((v) => hasRemoteRef(v, depth + 1));
  if (value && typeof value === "object")
    return Object.entries(value).some(
      ([k, v]) =>
        (k === "$ref" && !(typeof v === "string" && v.startsWith("#"))) ||
        hasRemoteRef(v, depth + 1),
    );
  return false;
}

const schemas = new Map<string, z.ZodType>();

function compile(schema: Record<string, unknown>): z.ZodType {
  const key = JSON.stringify(schema);
  let s = schemas.get(key);
  if (!s) {
    s = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    if (schemas.size > 500) schemas.clear();
    schemas.set(key, s);
  }
  return s;
}

/** Why an output schema cannot be used (too big, a remote $ref, not a JSON Schema), or null. */
export function checkOutputSchema(schema: Record<string, unknown>): string | null {
  if (JSON.stringify(schema).length > MAX_SCHEMA_BYTES)
    return `is larger than ${MAX_SCHEMA_BYTES} bytes`;
  if (hasRemoteRef(schema)) return "may only use local $ref (#/...) and at most 32 levels";
  try {
    compile(schema);
    return null;
  } catch (err) {
    return `is not a usable JSON Schema: ${(err as Error).message.slice(0, 200)}`;
  }
}

/** The model's answer as JSON matching the schema (a ```json fence around it is accepted). */
export function parseAnswer(
  schema: Record<string, unknown>,
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  let value: unknown;
  try {
    value = JSON.parse(fenced ? fenced[1]! : text);
  } catch {
    return { ok: false, error: "it is not JSON" };
  }
  const r = compile(schema).safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const first = r.error.issues[0]!;
  return { ok: false, error: `${first.path.join(".") || "value"}: ${first.message}` };
}
