import { describe, expect, it } from "vitest";
import {
  collectProblems,
  emptyValue,
  renderedFields,
  withKey,
} from "@/components/workflows/config-form/form-state";
import { nodeSchema } from "@/components/workflows/config-form/node-schemas";
import type { FieldDescriptor } from "@/components/workflows/config-form/describe-schema";

const spec = (type: string) => nodeSchema(type)!;
const fieldOf = (type: string, name: string) =>
  (spec(type).root as Extract<FieldDescriptor, { kind: "object" }>).fields.find(
    (f) => f.name === name,
  )!;
const problems = (type: string, config: unknown, issues = []) =>
  collectProblems(spec(type).schema, spec(type).root, config, issues);

describe("emptyValue", () => {
  it("starts a new row with its defaults and the required fields blank", () => {
    const inputs = fieldOf("trigger", "inputs") as Extract<FieldDescriptor, { kind: "array" }>;
    expect(emptyValue(inputs.item)).toEqual({
      name: "",
      type: "string",
      required: true,
      description: "",
    });
    const cases = fieldOf("switch", "cases") as Extract<FieldDescriptor, { kind: "array" }>;
    expect(emptyValue(cases.item)).toEqual({ id: "", label: "", expression: "" });
    const filters = fieldOf("database", "filters") as Extract<FieldDescriptor, { kind: "array" }>;
    expect(emptyValue(filters.item)).toEqual({ field: "", op: "equals" });
  });

  it("turns an optional section on with its own defaults", () => {
    const schedule = fieldOf("trigger", "schedule");
    expect(emptyValue(schedule)).toEqual({ cron: "", timezone: "UTC", input: {} });
    expect(emptyValue(fieldOf("trigger", "webhook"))).toEqual({ auth: "hmac" });
  });
});

describe("withKey", () => {
  it("sets a key, or removes it for undefined (the schema's default applies)", () => {
    expect(withKey({ a: 1 }, "b", 2)).toEqual({ a: 1, b: 2 });
    expect(withKey({ a: 1, b: 2 }, "b", undefined)).toEqual({ a: 1 });
  });
});

describe("renderedFields", () => {
  it("lists the fields shown for a value: rows, record entries, an open section", () => {
    const paths = [...renderedFields(spec("http").root, { headers: { "X-A": "1" } }).keys()];
    expect(paths).toContain("headers.X-A");
    const trig = renderedFields(spec("trigger").root, { inputs: [{ name: "a" }] });
    expect(trig.get("inputs.0")).toBe("Input 1");
    expect(trig.has("inputs.0.name")).toBe(true);
    expect(trig.has("schedule")).toBe(true);
    expect(trig.has("schedule.cron")).toBe(false);
  });
});

describe("collectProblems", () => {
  it("puts each zod problem on its field, worded with the field's label", () => {
    const p = problems("http", { url: "", timeoutMs: 5 });
    expect(p.fields.get("url")).toEqual(["URL is required."]);
    expect(p.fields.get("timeoutMs")).toEqual(["Timeout (ms) must be at least 100."]);
    expect(p.top).toEqual([]);
  });

  it("uses a record key's own message and places it on the key", () => {
    const p = problems("http", { url: "https://x", headers: { "bad key": "v" } });
    expect(p.fields.get("headers.bad key.#key")).toEqual(['"bad key" is not a header name.']);
    expect(p.fields.has("headers.bad key")).toBe(false);
  });

  it("places superRefine problems and rows' problems; unknown keys go on top", () => {
    const p = problems("switch", { cases: [{ id: "default", expression: "" }], extra: 1 });
    expect(p.fields.get("cases.0.id")).toEqual(['Id must be unique and not "default".']);
    expect(p.fields.get("cases.0.expression")).toEqual(["Expression is required."]);
    expect(p.top).toEqual(['Unrecognized key: "extra"']);
    expect(problems("switch", { cases: [] }).fields.get("cases")).toEqual([
      "Cases needs at least 1.",
    ]);
    expect(
      problems("database", { operation: "update", databaseId: "x" }).fields.get("recordId"),
    ).toEqual(["Record id is required to update."]);
  });

  it("places GraphIssues by config.<path>, the nearest shown field, else on top; no duplicates", () => {
    const p = collectProblems(
      spec("condition").schema,
      spec("condition").root,
      { expression: "" },
      [
        {
          code: "invalid_config",
          nodeId: "n",
          field: "config.expression",
          message: "Too small: expected string to have >=1 characters",
        },
        {
          code: "unknown_variable",
          nodeId: "n",
          field: "config.expression.deep",
          message: 'reads "x", which no upstream node produces',
        },
        { code: "unreachable", nodeId: "n", message: "Nothing leads here." },
        { code: "invalid_node", nodeId: "n", field: "timeoutMs", message: "is too big" },
      ],
    );
    expect(p.fields.get("expression")).toEqual([
      "Expression is required.",
      'Expression: Reads "x", which no upstream node produces.',
    ]);
    expect(p.top).toEqual(["Nothing leads here.", "Timeout ms is too big."]);
  });
});
