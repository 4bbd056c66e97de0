import { describe, expect, it } from "vitest";
import { CONFIG_HINTS } from "@/components/workflows/config-form/config-hints";
import { nodeSchema } from "@/components/workflows/config-form/node-schemas";
import { NODE_DEFINITIONS, NODE_TYPES, type NodeDefinition } from "@/lib/workflows/nodes";

// A config per node type with every string field present, to probe what validate() compiles.
const UUID = "7d3f6a52-2c4b-4b8e-9a51-0d6f1c2b3a4e";
const SAMPLES: Record<string, Record<string, unknown>> = {
  trigger: {
    inputs: [{ name: "a", type: "string", required: true, description: "d" }],
    webhook: { auth: "hmac" },
    schedule: { cron: "0 8 * * *", timezone: "UTC", input: {} },
  },
  llm: { prompt: "p", system: "s", persona: "assistant", taskType: "chat", model: "auto" },
  condition: { expression: "true" },
  switch: { cases: [{ id: "a", label: "A", expression: "true" }] },
  transform: { expression: "1" },
  iterate: { items: "[1]" },
  http: { method: "POST", url: "https://example.com", headers: { "X-A": "v" }, body: "b" },
  database: {
    operation: "update",
    databaseId: UUID,
    filters: [{ field: "f", op: "equals", value: "v" }],
    values: { f: "1" },
    recordId: '"r"',
  },
  document: { mode: "append", title: "t", text: "x", documentId: UUID },
  approval: { role: "editor", prompt: "p", timeoutMinutes: 5 },
  delay: { seconds: 5 },
  output: { expression: "1" },
};

/** Every string leaf of a value: its path in the value and its schema path (`*` for items). */
function strings(v: unknown, path: (string | number)[] = [], schema: string[] = []) {
  if (typeof v === "string") return [{ path, schema: schema.join(".") }];
  if (!v || typeof v !== "object") return [];
  const isArray = Array.isArray(v);
  const rec = schema.length > 0 && ["headers", "values", "input"].includes(schema.at(-1)!);
  return Object.entries(v).flatMap(([k, x]): { path: (string | number)[]; schema: string }[] =>
    strings(x, [...path, isArray ? Number(k) : k], [...schema, isArray || rec ? "*" : k]),
  );
}

function setIn(v: unknown, path: (string | number)[], to: string): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path.at(-1)!] = to;
  return copy;
}

/** What validate() makes of a string: a CEL expression, a template, or plain text. */
function probe(type: string, config: unknown, path: (string | number)[]) {
  const def = NODE_DEFINITIONS[type as keyof typeof NODE_DEFINITIONS] as NodeDefinition<unknown>;
  const field = path.join(".");
  const flags = (value: string) => {
    const parsed = def.config.safeParse(setIn(config, path, value));
    if (!parsed.success) return false;
    const issues = def.validate(parsed.data, { vars: new Set(["known"]) });
    return issues.some((i) => i.field === field);
  };
  if (flags("zzProbe")) return "expression";
  if (flags("{{ zzProbe }}")) return "template";
  return undefined;
}

describe("config hints match what each node's validate() compiles", () => {
  it.each(NODE_TYPES)("%s", (type) => {
    const sample = SAMPLES[type]!;
    expect(nodeSchema(type)!.schema.safeParse(sample).success).toBe(true);
    const found: Record<string, string> = {};
    for (const s of strings(sample)) {
      const kind = probe(type, sample, s.path);
      if (kind) found[s.schema] = kind;
    }
    const hinted = Object.fromEntries(
      Object.entries(CONFIG_HINTS[type] ?? {})
        .filter(([, h]) => h.format)
        .map(([p, h]) => [p, h.format!]),
    );
    expect(found).toEqual(hinted);
  });
});
