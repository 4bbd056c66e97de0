import { describe, expect, it } from "vitest";
import {
  apiFieldErrors,
  initialValues,
  inputFields,
  parseInput,
} from "@/components/workflows/runs/input-form";
import {
  formatCost,
  formatDuration,
  prettyJson,
  runDurationMs,
} from "@/components/workflows/runs/run-format";

const CONFIG = {
  inputs: [
    { name: "topic", type: "string", required: true, description: "What to write about" },
    { name: "count", type: "number", required: false },
    { name: "draft", type: "boolean" },
    { name: "meta", type: "object", required: false },
    { name: "tags", type: "array" },
    { name: "plain" },
  ],
};

describe("the run form from the trigger's inputs", () => {
  it("reads the fields with the schema's defaults and skips what is not a field", () => {
    const fields = inputFields({
      inputs: [...CONFIG.inputs, { name: "bad name" }, { name: "topic" }, null, { type: "number" }],
    });
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ["topic", "string", true],
      ["count", "number", false],
      ["draft", "boolean", true],
      ["meta", "object", false],
      ["tags", "array", true],
      ["plain", "string", true],
    ]);
    expect(fields[0]!.description).toBe("What to write about");
    expect(inputFields(null)).toEqual([]);
    expect(inputFields({ inputs: "nope" })).toEqual([]);
  });

  it("starts empty, with JSON fields as {} and []", () => {
    expect(initialValues(inputFields(CONFIG))).toEqual({
      topic: "",
      count: "",
      draft: false,
      meta: "{}",
      tags: "[]",
      plain: "",
    });
  });

  it("types the values: numbers, booleans, JSON; optional empty fields are left out", () => {
    const fields = inputFields(CONFIG);
    const { input, errors } = parseInput(fields, {
      topic: "cats",
      count: " 3.5 ",
      draft: true,
      meta: "",
      tags: '["a", 1]',
      plain: "x",
    });
    expect(errors).toEqual({});
    expect(input).toEqual({ topic: "cats", count: 3.5, draft: true, tags: ["a", 1], plain: "x" });
  });

  it.each([
    ["topic", "  ", "is required"],
    ["count", "three", "must be a number"],
    ["tags", "[1,", "must be valid JSON"],
    ["tags", "{}", "must be a JSON list ([…])"],
    ["meta", "[]", "must be a JSON object ({…})"],
    ["meta", "null", "must be a JSON object ({…})"],
  ])("%s = %j: %s", (name, value, message) => {
    const values = { ...initialValues(inputFields(CONFIG)), topic: "t", plain: "p", [name]: value };
    expect(parseInput(inputFields(CONFIG), values).errors).toEqual({ [name]: message });
  });

  it("an unchecked box is false, never missing", () => {
    const fields = inputFields({ inputs: [{ name: "ok", type: "boolean" }] });
    expect(parseInput(fields, {}).input).toEqual({ ok: false });
  });

  it("puts the API's input.<name> errors on their fields", () => {
    expect(
      apiFieldErrors({ "input.topic": "is required", input: "must be an object", draft: "x" }),
    ).toEqual({
      topic: "is required",
    });
  });
});

describe("how runs read", () => {
  it.each([
    [null, "—"],
    [850, "850 ms"],
    [1234, "1.2 s"],
    [42_000, "42 s"],
    [245_000, "4 min 05 s"],
    [7_380_000, "2 h 03 min"],
  ])("duration %s → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("costs, the running duration, and cut JSON", () => {
    expect([formatCost(0), formatCost(0.0042), formatCost(1.254)]).toEqual([
      "—",
      "$0.0042",
      "$1.25",
    ]);
    const run = { createdAt: "", startedAt: "2026-12-07T10:00:00.000Z", finishedAt: null };
    expect(runDurationMs(run, Date.parse("2026-12-07T10:00:05.000Z"))).toBe(5000);
    expect(runDurationMs({ ...run, startedAt: null }, 0)).toBeNull();
    expect(prettyJson({ a: 1 }, 100)).toEqual({ text: '{\n  "a": 1\n}', cut: false });
    const big = prettyJson({ text: "x".repeat(50) }, 20);
    expect(big.cut).toBe(true);
    expect(big.text.length).toBe(22);
  });
});
