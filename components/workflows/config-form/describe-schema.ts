import type { z } from "zod";

/*
 * A zod schema as a tree of form fields, read through zod 4's public `_zod.def` (the same
 * definition zod itself walks): what the config form renders. Pure, no React. Hints say what the
 * schema cannot: which strings are {{ templates }} or CEL expressions (see config-hints.ts).
 */

export type StringFormat = "template" | "expression";

export interface FieldHint {
  format?: StringFormat;
  multiline?: boolean;
  label?: string;
  /** Render the whole value as a JSON textarea (e.g. a JSON Schema). */
  json?: boolean;
  /** An example shown in an empty input (when there is no default to show). */
  placeholder?: string;
}
/** Hints by schema path: object keys, `*` for an array item or a record value. */
export type FieldHints = Record<string, FieldHint>;

interface Base {
  /** The key in the parent object ("" for the root, an array item or a record value). */
  name: string;
  label: string;
  description?: string;
  optional: boolean;
  nullable: boolean;
  /** The schema's default (what zod fills in when the key is absent). */
  default?: unknown;
  placeholder?: string;
}
export type Option = { value: string | number | boolean; label: string };
export type FieldDescriptor =
  | (Base & {
      kind: "string";
      /** template / expression (from hints), else zod's own format ("uuid", "email"…). */
      format?: StringFormat | (string & {});
      multiline: boolean;
      minLength?: number;
      maxLength?: number;
    })
  | (Base & { kind: "number"; integer: boolean; min?: number; max?: number; step: number | "any" })
  | (Base & { kind: "boolean" })
  | (Base & { kind: "enum"; options: Option[] })
  | (Base & { kind: "array"; item: FieldDescriptor; minItems?: number; maxItems?: number })
  | (Base & { kind: "record"; keyField: FieldDescriptor; valueField: FieldDescriptor })
  | (Base & { kind: "object"; fields: FieldDescriptor[] })
  | (Base & { kind: "union"; discriminator: string; variants: Variant[] })
  | (Base & { kind: "json" });
export interface Variant {
  value: string | number | boolean;
  label: string;
  /** The variant's fields other than the discriminator. */
  fields: FieldDescriptor[];
}
export type FieldKind = FieldDescriptor["kind"];

type AnyDef = {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  [k: string]: unknown;
};
const defOf = (s: unknown): AnyDef => (s as { _zod: { def: AnyDef } })._zod.def;
const descriptionOf = (s: unknown): string | undefined =>
  (s as { description?: string }).description || undefined;

/** "maxOutputTokens" → "Max output tokens". */
export function labelFor(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : words;
}

function checks(def: AnyDef) {
  const out: { min?: number; max?: number; int?: boolean; exclusiveMin?: boolean } = {};
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === "min_length") out.min = d.minimum as number;
    else if (d.check === "max_length") out.max = d.maximum as number;
    else if (d.check === "length_equals") out.min = out.max = d.length as number;
    else if (d.check === "greater_than") out.min = d.value as number;
    else if (d.check === "less_than") out.max = d.value as number;
    else if (d.check === "number_format" && /int/.test(String(d.format))) out.int = true;
  }
  return out;
}

interface Wrappers {
  optional: boolean;
  nullable: boolean;
  default?: unknown;
  description?: string;
}

/** Peels optional/default/nullable/readonly/pipe-in wrappers, keeping the outermost description. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; w: Wrappers } {
  const w: Wrappers = { optional: false, nullable: false };
  let s = schema;
  for (let i = 0; i < 20; i++) {
    w.description ??= descriptionOf(s);
    const def = defOf(s);
    if (def.type === "optional") w.optional = true;
    else if (def.type === "nullable") w.nullable = true;
    else if (def.type === "default" || def.type === "prefault") {
      if (!("default" in w)) w.default = def.defaultValue;
    } else if (def.type !== "readonly" && def.type !== "catch" && def.type !== "nonoptional") {
      if (def.type !== "pipe") break;
      s = def.in as z.ZodType;
      continue;
    }
    s = def.innerType as z.ZodType;
  }
  w.description ??= descriptionOf(s);
  return { inner: s, w };
}

const literalOptions = (options: z.ZodType[]): Option[] | null => {
  const out: Option[] = [];
  for (const o of options) {
    const d = defOf(unwrap(o).inner);
    if (d.type !== "literal") return null;
    for (const v of d.values as unknown[]) {
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return null;
      out.push({ value: v, label: String(v) });
    }
  }
  return out;
};

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The field tree of a schema; `hints` by schema path (see FieldHints). */
export function describeSchema(
  schema: z.ZodType,
  hints: FieldHints = {},
  name = "",
  path = "",
): FieldDescriptor {
  const { inner, w } = unwrap(schema);
  const hint = hints[path] ?? {};
  const def = defOf(inner);
  const base: Base = {
    name,
    label: hint.label ?? labelFor(name),
    optional: w.optional || "default" in w,
    nullable: w.nullable,
    ...(w.description && { description: w.description }),
    ...(hint.placeholder && { placeholder: hint.placeholder }),
    ...("default" in w && { default: w.default }),
  };
  if (hint.json) return { ...base, kind: "json" };
  const c = checks(def);
  switch (def.type) {
    case "string":
      return {
        ...base,
        kind: "string",
        format: hint.format ?? (def.format as string | undefined) ?? undefined,
        multiline: hint.multiline ?? false,
        ...(c.min !== undefined && { minLength: c.min }),
        ...(c.max !== undefined && { maxLength: c.max }),
      };
    case "number":
    case "int": {
      const integer = def.type === "int" || !!c.int;
      const span = c.min !== undefined && c.max !== undefined ? c.max - c.min : Infinity;
      return {
        ...base,
        kind: "number",
        integer,
        ...(c.min !== undefined && { min: c.min }),
        ...(c.max !== undefined && { max: c.max }),
        step: integer ? 1 : span <= 10 ? 0.1 : "any",
      };
    }
    case "boolean":
      return { ...base, kind: "boolean" };
    case "enum":
      return {
        ...base,
        kind: "enum",
        options: Object.values(def.entries as Record<string, string | number>).map((v) => ({
          value: v,
          label: String(v),
        })),
      };
    case "literal": {
      const options = literalOptions([inner]);
      if (options) return { ...base, kind: "enum", options };
      break;
    }
    case "union": {
      const options = def.options as z.ZodType[];
      const literals = literalOptions(options);
      if (literals) return { ...base, kind: "enum", options: literals };
      const disc = def.discriminator as string | undefined;
      const variants = disc ? variantsOf(options, disc, hints, path) : [];
      if (disc && variants.length) return { ...base, kind: "union", discriminator: disc, variants };
      break;
    }
    case "array":
      return {
        ...base,
        kind: "array",
        item: describeSchema(def.element as z.ZodType, hints, "", join(path, "*")),
        ...(c.min !== undefined && { minItems: c.min }),
        ...(c.max !== undefined && { maxItems: c.max }),
      };
    case "record": {
      const value = describeSchema(def.valueType as z.ZodType, hints, "", join(path, "*"));
      const key = describeSchema(def.keyType as z.ZodType, {}, "", "");
      if (value.kind === "json" || key.kind !== "string") break;
      return { ...base, kind: "record", keyField: { ...key, label: "Key" }, valueField: value };
    }
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      return {
        ...base,
        kind: "object",
        fields: Object.entries(shape).map(([k, v]) => describeSchema(v, hints, k, join(path, k))),
      };
    }
  }
  return { ...base, kind: "json" };
}

function variantsOf(options: z.ZodType[], disc: string, hints: FieldHints, path: string) {
  const variants: Variant[] = [];
  for (const o of options) {
    const d = describeSchema(o, hints, "", path);
    if (d.kind !== "object") continue;
    const tag = d.fields.find((f) => f.name === disc);
    if (tag?.kind !== "enum") continue;
    for (const opt of tag.options)
      variants.push({ ...opt, fields: d.fields.filter((f) => f.name !== disc) });
  }
  return variants;
}
