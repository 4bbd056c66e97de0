import { describe, expect, it } from "vitest";
import { compileTemplate, ExpressionError, type CompiledTemplate } from "@/lib/workflows/expr";

const vars = JSON.parse(`{
  "trigger": { "audience": "developers", "count": 3, "tags": ["a", "b"] },
  "fetch": { "body": "The body", "status": 200, "json": { "k": 1.5 } }
}`) as Record<string, unknown>;

function template(text: string): CompiledTemplate {
  const result = compileTemplate(text);
  if (!result.ok) throw new Error(`expected a template: ${result.error}`);
  return result.template;
}

function compileError(text: string): string {
  const result = compileTemplate(text);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result.error;
}

describe("compileTemplate: render", () => {
  it.each<[string, string]>([
    ["Summarize {{ fetch.body }} for {{ trigger.audience }}", "Summarize The body for developers"],
    ["no placeholders", "no placeholders"],
    ["", ""],
    ["{{trigger.count}} items", "3 items"], // non-strings render as JSON
    ["tags: {{ trigger.tags }}", 'tags: ["a","b"]'],
    ["obj: {{ fetch.json }}", 'obj: {"k":1.5}'],
    ["{{ fetch.status == 200 }}", "true"],
    ["{{ null }}", "null"],
    ['{{ "}}" }}', "}}"], // a string literal may hold the closing braces
    ['{{ {"a": {"b": 1}} }}', '{"a":{"b":1}}'], // as may a map literal
    ["{{ 'it\\'s' }}", "it's"],
    ["literal \\{{ braces }} and {{ trigger.count }}", "literal {{ braces }} and 3"],
    ["a }} alone is text", "a }} alone is text"],
    ["{{ trigger.count + 1 }}{{ trigger.count }}", "43"],
    ["line1\n{{ fetch.body }}\nline3", "line1\nThe body\nline3"],
    ['{{ b"hi" }}', "aGk="], // bytes render as base64
  ])("%j → %j", (text, expected) => {
    expect(template(text).render(vars)).toBe(expected);
  });

  it("collects refs across placeholders, first appearance first", () => {
    expect(template("{{ fetch.body }} {{ trigger.count }} {{ fetch.status }}").refs).toEqual([
      "fetch",
      "trigger",
    ]);
    expect(template("{{ trigger.tags.map(t, t + x) }}").refs).toEqual(["trigger", "x"]);
    expect(template("plain").refs).toEqual([]);
  });
});

describe("compileTemplate: errors", () => {
  it.each<[string, RegExp]>([
    ["Hello {{ name", /^Unclosed "\{\{" \(at line 1, column 7\)\.$/],
    ["a\nb {{ x }} {{ y", /^Unclosed "\{\{" \(at line 2, column 11\)\.$/],
    ['{{ "}} }}', /^Unclosed "\{\{"/], // the string never closes, so neither does the placeholder
    ["x {{ a + }}", /^Unexpected token: EOF \(at line 1, column 10\)\.$/],
    ["x {{ }}", /^Expression is empty \(at line 1, column 5\)\.$/],
    ["{{ constructor }}", /'constructor' is not allowed/],
    ["ok {{ a }} then {{ (((( }}", /at line 1, column 2\d/],
  ])("%j", (text, message) => {
    expect(compileError(text)).toMatch(message);
  });

  it("bounds the template text and each placeholder", () => {
    expect(compileError("x".repeat(100_001))).toBe("Template is longer than 100000 characters.");
    expect(compileError(`{{ ${"a".repeat(5000)} }}`)).toMatch(/longer than 4096 characters/);
  });

  it("render errors carry the template position and a code", () => {
    const t = template("Hi {{ trigger.audience }}, {{ trigger.missing }}");
    try {
      t.render(vars);
      throw new Error("expected a failure");
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).code).toBe("expression_failed");
      expect((error as ExpressionError).message).toMatch(
        /^No such key: missing \(at line 1, column 39\)\.$/,
      );
    }
  });

  it("bounds the rendered output by maxResultBytes", () => {
    const result = compileTemplate("{{ s }}{{ s }}", { maxResultBytes: 10 });
    if (!result.ok) throw new Error(result.error);
    expect(result.template.render({ s: "abcde" })).toBe("abcdeabcde");
    expect(() => result.template.render({ s: "abcdef" })).toThrow(
      expect.objectContaining({ code: "expression_result_too_large" }),
    );
    // UTF-8 bytes, not characters: "é" is 2 bytes.
    expect(() => result.template.render({ s: "éééé" })).toThrow(/larger than 10 bytes/);
  });
});
