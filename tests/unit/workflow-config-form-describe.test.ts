import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CONFIG_HINTS } from "@/components/workflows/config-form/config-hints";
import {
  describeSchema,
  type FieldDescriptor,
} from "@/components/workflows/config-form/describe-schema";
import { nodeSchema } from "@/components/workflows/config-form/node-schemas";
import { NODE_DEFINITIONS, NODE_TYPES } from "@/lib/workflows/nodes";

const root = (type: string) =>
  nodeSchema(type)!.root as Extract<FieldDescriptor, { kind: "object" }>;
const field = (type: string, name: string) => root(type).fields.find((f) => f.name === name)!;

/** Every descriptor in a tree with its schema path (`*` for items and record values). */
function walk(d: FieldDescriptor, path = ""): [string, FieldDescriptor][] {
  const at = (k: string) => (path ? `${path}.${k}` : k);
  const here: [string, FieldDescriptor][] = [[path, d]];
  if (d.kind === "object") return [...here, ...d.fields.flatMap((f) => walk(f, at(f.name)))];
  if (d.kind === "array") return [...here, ...walk(d.item, at("*"))];
  if (d.kind === "record") return [...here, ...walk(d.valueField, at("*"))];
  if (d.kind === "union")
    return [...here, ...d.variants.flatMap((v) => v.fields.flatMap((f) => walk(f, at(f.name))))];
  return here;
}

describe("describeSchema on the 12 node configs", () => {
  it.each(NODE_TYPES)(
    "%s: an object of typed fields, JSON only where the value is free-form",
    (type) => {
      const r = root(type);
      expect(r.kind).toBe("object");
      expect(r.fields.length).toBeGreaterThan(0);
      const json = walk(r)
        .filter(([, d]) => d.kind === "json")
        .map(([p]) => p);
      const allowed: Record<string, string[]> = {
        llm: ["outputSchema"],
        trigger: ["schedule.input"],
      };
      expect(json).toEqual(allowed[type] ?? []);
      for (const [, d] of walk(r).slice(1)) if (d.name) expect(d.label).toMatch(/^[A-Z]/);
    },
  );

  it("takes every .describe() as help text", () => {
    for (const type of NODE_TYPES)
      for (const [path, d] of walk(root(type)).slice(1))
        if (!path.endsWith("*")) expect(d.description, `${type}.${path}`).toBeTruthy();
  });

  it("marks CEL expressions and templates", () => {
    expect(field("condition", "expression")).toMatchObject({
      kind: "string",
      format: "expression",
      minLength: 1,
      maxLength: 4096,
    });
    expect(field("llm", "prompt")).toMatchObject({
      kind: "string",
      format: "template",
      multiline: true,
    });
    expect(field("http", "url")).toMatchObject({
      format: "template",
      multiline: false,
      label: "URL",
    });
    const headers = field("http", "headers");
    expect(headers).toMatchObject({
      kind: "record",
      default: {},
      valueField: { kind: "string", format: "template" },
    });
    expect(field("database", "values")).toMatchObject({
      kind: "record",
      valueField: { format: "expression" },
    });
  });

  it("turns enums into options and keeps defaults and optionality", () => {
    expect(field("http", "method")).toMatchObject({ kind: "enum", default: "GET", optional: true });
    const method = field("http", "method") as Extract<FieldDescriptor, { kind: "enum" }>;
    expect(method.options.map((o) => o.value)).toEqual([
      "GET",
      "POST",
      "PUT",
      "PATCH",
      "DELETE",
      "HEAD",
    ]);
    expect(field("http", "timeoutMs")).toMatchObject({
      kind: "number",
      integer: true,
      min: 100,
      max: 120_000,
      step: 1,
      default: 15_000,
    });
    expect(field("llm", "temperature")).toMatchObject({
      kind: "number",
      integer: false,
      min: 0,
      max: 2,
      step: 0.1,
      optional: true,
    });
    expect(field("http", "failOnStatus")).toMatchObject({ kind: "boolean", default: true });
    expect(field("database", "operation")).toMatchObject({ kind: "enum", optional: false });
    expect(field("database", "databaseId")).toMatchObject({ kind: "string", format: "uuid" });
    expect(field("llm", "system")).toMatchObject({ optional: true, maxLength: 20_000 });
  });

  it("describes arrays of objects by their item, and optional nested objects", () => {
    expect(field("trigger", "inputs")).toMatchObject({ kind: "array", maxItems: 50, default: [] });
    const inputs = field("trigger", "inputs") as Extract<FieldDescriptor, { kind: "array" }>;
    expect(inputs.item.kind).toBe("object");
    const item = inputs.item as Extract<FieldDescriptor, { kind: "object" }>;
    expect(item.fields.map((f) => [f.name, f.kind])).toEqual([
      ["name", "string"],
      ["type", "enum"],
      ["required", "boolean"],
      ["description", "string"],
    ]);
    const cases = field("switch", "cases") as Extract<FieldDescriptor, { kind: "array" }>;
    expect(cases).toMatchObject({ minItems: 1, maxItems: 20 });
    expect(cases.item).toMatchObject({
      kind: "object",
      fields: [
        { name: "id" },
        { name: "label", default: "" },
        { name: "expression", format: "expression" },
      ],
    });
    expect(field("trigger", "schedule")).toMatchObject({
      kind: "object",
      optional: true,
      description: "Start runs on a schedule",
    });
  });

  it("handles literal unions, nullables, primitive arrays and discriminated unions", () => {
    const s = z.object({
      size: z.union([z.literal("s"), z.literal("m")]).describe("Size"),
      note: z.string().nullable(),
      tags: z.array(z.string().min(1)).max(3),
      auth: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("none") }),
        z.object({ kind: z.literal("token"), token: z.string().min(1) }),
      ]),
      any: z.unknown(),
    });
    const d = describeSchema(s) as Extract<FieldDescriptor, { kind: "object" }>;
    const [size, note, tags, auth, any] = d.fields;
    expect(size).toMatchObject({
      kind: "enum",
      options: [{ value: "s" }, { value: "m" }],
      description: "Size",
    });
    expect(note).toMatchObject({ kind: "string", nullable: true, optional: false });
    expect(tags).toMatchObject({
      kind: "array",
      maxItems: 3,
      item: { kind: "string", minLength: 1 },
    });
    expect(auth).toMatchObject({
      kind: "union",
      discriminator: "kind",
      variants: [
        { value: "none", fields: [] },
        { value: "token", fields: [{ name: "token" }] },
      ],
    });
    expect(any!.kind).toBe("json");
  });

  it("hints name only paths that exist and are strings (templates, expressions)", () => {
    for (const [type, hints] of Object.entries(CONFIG_HINTS)) {
      expect(NODE_DEFINITIONS).toHaveProperty(type);
      const paths = new Map(walk(root(type)));
      for (const [p, h] of Object.entries(hints)) {
        expect(paths.has(p), `${type}.${p}`).toBe(true);
        if (h.format) expect(paths.get(p)!.kind).toBe("string");
      }
    }
  });
});
