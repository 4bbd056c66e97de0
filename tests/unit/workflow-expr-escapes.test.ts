import { afterAll, describe, expect, it } from "vitest";
import {
  compileExpression,
  compileTemplate,
  ExpressionError,
  toJsonValue,
} from "@/lib/workflows/expr";
import { installGuards, Meter } from "@/lib/workflows/expr/budget";
import { resolveLimits } from "@/lib/workflows/expr/limits";

// Expression injection was RCE in peers (n8n). Each attempt here must be refused at compile time
// or fail evaluation with an ExpressionError, quickly, and leave no trace anywhere.

const data = () =>
  JSON.parse(`{
    "x": { "name": "n", "nested": { "a": 1 } },
    "trigger": { "count": 1 },
    "s": "abc",
    "items": [1, 2, 3],
    "evil": { "__proto__": { "polluted": true } }
  }`) as Record<string, unknown>;

type Outcome = { stage: "compile" | "evaluate"; message: string; code?: string } | { ok: unknown };

function attempt(source: string, vars: Record<string, unknown> = data()): Outcome {
  const compiled = compileExpression(source);
  if (!compiled.ok) return { stage: "compile", message: compiled.error };
  try {
    return { ok: compiled.expr.evaluate(vars) };
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    const e = error as ExpressionError;
    return { stage: "evaluate", message: e.message, code: e.code };
  }
}

function expectRefused(outcome: Outcome) {
  expect(outcome).not.toHaveProperty("ok");
  const { message } = outcome as { message: string };
  // One human line: no stack, no file paths, no source excerpt.
  expect(message).not.toMatch(/\n|\bat .*:\d+|node_modules|\.js\b/);
  expect(message.length).toBeLessThan(400);
}

afterAll(() => {
  // Nothing leaked into the process, whatever ran above.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
  expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  expect(Array.prototype).not.toHaveProperty("polluted");
});

describe("JavaScript is out of reach", () => {
  it.each([
    "constructor",
    "x.constructor",
    "x.constructor.constructor",
    '"".constructor.constructor("return process")()',
    '"".constructor',
    "x.__proto__",
    "__proto__",
    "x.prototype",
    "x.__proto__.polluted = 1",
    'x["__proto__"]["polluted"] = 1',
    "x.nested.constructor.prototype",
    "this",
    "process",
    "process.env",
    "process.mainModule",
    'require("fs")',
    'import("fs")',
    "globalThis",
    "globalThis.__pwned = 1",
    "window",
    "Function",
    'Function("return this")()',
    "eval",
    'eval("1")',
    "`${process}`",
    "x.toString",
    "x.toString()",
    "x.hasOwnProperty",
    'x.hasOwnProperty("name")',
    "x.valueOf()",
    "trigger.toString",
    "trigger.hasOwnProperty",
    'x["constructor"]',
    'x["toString"]',
    'x["__proto__"]',
    "s.constructor",
    "items.constructor",
    "items.map",
    "items.push(4)",
    "s.length",
    'x.name.concat("a")',
    "dyn(x).constructor",
    '{"a": 1}.constructor',
    'type(x)("return 1")',
    "toString",
    "hasOwnProperty",
    "valueOf",
    "x; process",
    "x || process.exit(1)",
    '"a".matches("(a+)+$")',
    'matches("aaaa", "(a|a)*b")',
  ])("%s", (source) => {
    expectRefused(attempt(source));
  });

  it("map literals cannot set a prototype", () => {
    const outcome = attempt('{"__proto__": {"polluted": true}}');
    expectRefused(outcome);
    expect(attempt('{"constructor": 1}')).not.toHaveProperty("ok");
    // A computed key with the name is kept as data, or dropped by cel-js; never a prototype.
    const computed = attempt('{k: {"polluted": true}}', { k: "__proto__" });
    if ("ok" in computed) {
      const out = computed.ok as object;
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    }
  });

  it("data with a __proto__ key stays data, in and out", () => {
    const outcome = attempt("evil");
    expect(outcome).toHaveProperty("ok");
    const out = (outcome as { ok: object }).ok;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true}}');
    expect(attempt('evil["__proto__"].polluted')).toEqual({ ok: true });
    expect(attempt("evil.polluted")).not.toHaveProperty("ok");
    const parsed = attempt('b"{\\"__proto__\\": {\\"polluted\\": true}}".json()');
    if ("ok" in parsed) expect((parsed.ok as { polluted?: unknown }).polluted).toBeUndefined();
    expect(toJsonValue(JSON.parse('{"__proto__": {"x": 1}}'))).not.toHaveProperty("x");
  });

  it("a data key named like JavaScript plumbing is read as data", () => {
    expect(attempt('x["constructor"]', { x: { constructor: "data" } })).toEqual({ ok: "data" });
    expect(attempt('x["toString"] + "!"', { x: { toString: "t" } })).toEqual({ ok: "t!" });
  });

  it("variables are read only through their data (class instances and functions are not data)", () => {
    class Secret {
      token = "s3cret";
      reveal() {
        return this.token;
      }
    }
    expectRefused(attempt("v.token", { v: new Secret() }));
    expectRefused(attempt("v.reveal()", { v: new Secret() }));
    expectRefused(attempt("f", { f: () => "called" }));
    expectRefused(attempt("v.a", { v: { a: () => "called" } }));
  });
});

describe("templates", () => {
  it.each([
    "{{ constructor }}",
    "{{ x.constructor }}",
    "{{ process.env }}",
    "{{ `${process}` }}",
    "{{ }}",
    "{{ {{ x }} }}",
    '{{ "}}" + constructor }}',
    "{{ x.__proto__ }}",
  ])("%s", (text) => {
    const compiled = compileTemplate(text);
    if (!compiled.ok) return expect(compiled.error).not.toMatch(/\n/);
    expect(() => compiled.template.render(data())).toThrow(ExpressionError);
  });

  it('"}}" inside a string is text, not the end of the placeholder', () => {
    const compiled = compileTemplate('{{ "}}" }}{{ "{{" }}');
    expect(compiled.ok && compiled.template.render({})).toBe("}}{{");
  });
});

describe("size and work are bounded", () => {
  const quick = (source: string, vars?: Record<string, unknown>) => {
    const started = performance.now();
    const outcome = attempt(source, vars);
    expect(performance.now() - started).toBeLessThan(1500);
    return outcome;
  };

  it.each([
    ["100 KB expression", "a".repeat(100_000)],
    ["1,000-deep parentheses", "(".repeat(1000) + "1" + ")".repeat(1000)],
    ["1,000-deep lists", "[".repeat(1000) + "1" + "]".repeat(1000)],
    ["1,000-deep maps", '{"a":'.repeat(1000) + "1" + "}".repeat(1000)],
    ["1,000-deep calls", "size(".repeat(1000) + "s" + ")".repeat(1000)],
    ["4,000 negations", "!".repeat(4000) + "true"],
    ["4,000 minus signs", "-".repeat(4000) + "1"],
    ["2,000 chained +", "1" + "+1".repeat(2000)],
    ["2,000 chained selects", "x" + ".a".repeat(2000)],
    ["400 chained ternaries", "true ? 1 : ".repeat(400) + "0"],
  ])("%s is refused quickly", (_, source) => {
    const outcome = quick(source);
    expect(outcome).toMatchObject({ stage: "compile" });
    expectRefused(outcome);
  });

  const big = { items: Array.from({ length: 5000 }, (_, i) => i), s: "x".repeat(500_000) };
  it.each([
    ["a cross product", "items.map(a, items.map(b, a * b)).size()", "expression_failed"],
    [
      "a triple cross product",
      "items.exists(a, items.exists(b, items.exists(c, a + b + c < 0)))",
      "expression_failed",
    ],
    [
      "string doubling",
      "cel.bind(a, s + s, cel.bind(b, a + a, size(b + b)))",
      "expression_result_too_large",
    ],
    [
      "a long string scanned per item",
      'items.filter(i, s.contains("y")).size()',
      "expression_failed",
    ],
    ["a huge split", 's.split("").size()', "expression_result_too_large"],
    ["a shared list exploding in the result", "items.map(i, items)", "expression_result_too_large"],
    [
      "a swallowed bound still fails",
      "items.exists(i, items.map(j, j).size() < 0) || true",
      "expression_failed",
    ],
  ])("%s fails with a clear bound", (_, source, code) => {
    const outcome = quick(source, big);
    expect(outcome).toMatchObject({ stage: "evaluate", code });
    expectRefused(outcome);
  });

  it("macros refuse lists longer than maxListItems", () => {
    const compiled = compileExpression("l.map(i, i)", { maxListItems: 100 });
    if (!compiled.ok) throw new Error(compiled.error);
    expect(compiled.expr.evaluate({ l: Array.from({ length: 100 }, () => 1) })).toHaveLength(100);
    expect(() => compiled.expr.evaluate({ l: Array.from({ length: 101 }, () => 1) })).toThrow(
      /iterate over 101 items; the limit is 100/,
    );
  });

  it("data nested too deep is refused, not a stack overflow", () => {
    const deep = JSON.parse("[".repeat(5000) + "]".repeat(5000)) as unknown;
    expect(attempt("d", { d: deep })).toMatchObject({ code: "expression_invalid" });
  });

  it("fails closed if cel-js stops giving checked nodes a handle to guard", () => {
    const meter = new Meter(resolveLimits());
    const node = (op: string, extra: object) => ({ op, args: [], evaluate() {}, ...extra });
    const checked = { checkedType: {} };
    expect(installGuards(node("+", { ...checked, handle: () => 1 }), meter)).toBe(true);
    expect(installGuards(node("+", checked), meter)).toBe(false);
    expect(installGuards(node("id", checked), meter)).toBe(true);
  });
});
