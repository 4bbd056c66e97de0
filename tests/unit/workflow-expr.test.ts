import { describe, expect, it } from "vitest";
import {
  compileExpression,
  DEFAULT_EXPR_LIMITS,
  ExpressionError,
  toJsonValue,
  type CompiledExpression,
} from "@/lib/workflows/expr";

// Variables as the engine hands them over: straight from JSON.parse.
const vars = JSON.parse(`{
  "trigger": { "count": 7, "n": 2, "audience": "developers", "user": { "name": "Ada" }, "labels": ["bug", "ui"] },
  "fetch": { "status": 200, "body": "The body", "ratio": 0.25 },
  "x": { "price": 1.5, "whole": 3.0 },
  "items": [{ "id": 1, "ok": true, "tags": ["a"] }, { "id": 2, "ok": false, "tags": [] }, { "id": 3, "ok": true, "tags": ["b", "a"] }],
  "labels": ["bug", "feature"],
  "a": "Hello", "b": "world", "empty": [], "nothing": null
}`) as Record<string, unknown>;

function compiled(source: string): CompiledExpression {
  const result = compileExpression(source);
  if (!result.ok) throw new Error(`expected ${source} to compile: ${result.error}`);
  return result.expr;
}

function failure(fn: () => unknown): ExpressionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error("expected an ExpressionError");
}

describe("compileExpression: natural expressions over JSON data", () => {
  it.each<[string, unknown]>([
    ["trigger.count > 5", true],
    ["fetch.status == 200", true],
    ["fetch.status != 200", false],
    ["x.price * 2", 3],
    ["2 * x.price", 3],
    ["x.price + trigger.count", 8.5],
    ["trigger.count + 1", 8],
    ["trigger.count - 10", -3],
    ["trigger.count % 2 == 1", true],
    ["fetch.ratio < 1", true],
    ["x.whole == 3", true],
    ["size(items) > 0", true],
    ["size(empty) == 0", true],
    ["items.size()", 3],
    ["has(trigger.user.name)", true],
    ["has(trigger.user.email)", false],
    ['"bug" in labels', true],
    ['"bug" in trigger.labels && !("docs" in trigger.labels)', true],
    ['a + " " + b', "Hello world"],
    ['{"title": a, "n": size(items)}', { title: "Hello", n: 3 }],
    ["[trigger.count, fetch.ratio, a, nothing]", [7, 0.25, "Hello", null]],
    ["items.filter(i, i.ok).map(i, i.id)", [1, 3]],
    ["items.map(i, i.id * 10)", [10, 20, 30]],
    ["items.exists(i, i.id == 2)", true],
    ["items.all(i, i.id > 0)", true],
    ['items.filter(i, "a" in i.tags).size()', 2],
    ["items.map(i, i.ok, i.id)", [1, 3]],
    ["items[0].id", 1],
    ["items[trigger.n].id", 3],
    ['fetch.status == 200 ? "ok" : "failed"', "ok"],
    ['trigger.user.name.startsWith("A") && a.contains("ell")', true],
    ['string(trigger.count) + " items"', "7 items"],
    ["int(fetch.ratio * 8.0)", 2],
    ["nothing == null", true],
    ['trigger["audience"]', "developers"],
    ['a.contains(",") ? 1 : 2', 2],
    ['labels.join(", ")', "bug, feature"],
    ["cel.bind(total, size(items), total * 2)", 6],
    ["type(trigger.count) == int", true],
    ["type(x.price)", "double"],
  ])("%s → %j", (source, expected) => {
    expect(compiled(source).evaluate(vars)).toEqual(expected);
  });
});

describe("numbers: safe integers are CEL int, other numbers double; results are JSON numbers", () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    ["n / 2", { n: 7 }, 3], // int / int is integer division (CEL)
    ["double(n) / 2", { n: 7 }, 3.5],
    ["n / 2", { n: 7.5 }, 3.75],
    ["n * 1.5", { n: 2 }, 3],
    ["n + 1", { n: 9007199254740991 }, "9007199254740992"], // past 2^53: a decimal string
    ["n", { n: 1e300 }, 1e300], // integral but unsafe: stays double
    ["1.0 / 0.0", {}, null], // not representable in JSON
    ["-0.0", {}, 0],
    ["1u + 2u", {}, 3],
  ])("%s with %j → %j", (source, input, expected) => {
    expect(compiled(source).evaluate(input)).toEqual(expected);
  });

  it("int overflow and division by zero fail as ExpressionError", () => {
    expect(failure(() => compiled("n * n").evaluate({ n: 9007199254740991 })).code).toBe(
      "expression_failed",
    );
    expect(failure(() => compiled("n / 0").evaluate({ n: 1 })).message).toMatch(/division by zero/);
  });
});

describe("refs", () => {
  it.each<[string, string[]]>([
    ["trigger.n > 1 && fetch.status == 200", ["trigger", "fetch"]],
    ["nums.map(x, x * 2)", ["nums"]],
    ["items.filter(i, i.ok).map(i, i.id + offset)", ["items", "offset"]],
    ["items.exists(i, i.tags.all(t, t != banned))", ["items", "banned"]],
    ["x.map(x, x)", ["x"]], // the receiver is the outer x, the body's x is bound
    ["items.map(i, i) + [i]", ["items", "i"]], // i outside the macro is a variable
    ["cel.bind(t, a + b, t * t)", ["a", "b"]],
    ["has(trigger.user.name)", ["trigger"]],
    ['{"k": a, b: 1}[c]', ["a", "b", "c"]],
    ["type(a) == int && string(b) == c", ["a", "b", "c"]],
    ["1 + 2", []],
    ["a + a + a", ["a"]],
  ])("%s reads %j", (source, refs) => {
    expect(compiled(source).refs).toEqual(refs);
  });

  it("evaluate copies only the referenced roots (unreferenced non-JSON data is never touched)", () => {
    expect(compiled("a").evaluate({ a: 1, other: new (class Foo {})() })).toBe(1);
    expect(failure(() => compiled("o").evaluate({ o: new (class Foo {})() })).code).toBe(
      "expression_invalid",
    );
  });
});

describe("compile errors are human messages with a position", () => {
  it.each<[string, RegExp]>([
    ["a + + b", /^Unexpected token: PLUS \(at line 1, column 5\)\.$/],
    ["fetch.status == ", /Unexpected token: EOF \(at line 1, column 17\)/],
    ["a &&\n  (b", /at line 2, column 5/],
    ['"unterminated', /Unterminated string/],
    ['1 + "a"', /no such overload: int \+ string/],
    ["nosuchfunction(1)", /no matching overload for 'nosuchfunction\(int\)'/],
    ["", /^Expression is empty\.$/],
    ["(".repeat(33) + "1" + ")".repeat(33), /nests deeper than 32 levels \(at line 1, column 33\)/],
  ])("%s", (source, message) => {
    const result = compileExpression(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it("limits can be tightened per call", () => {
    expect(compileExpression("x".repeat(4097))).toEqual({
      ok: false,
      error: "Expression is longer than 4096 characters.",
    });
    expect(compileExpression("a + b", { maxLength: 3 })).toEqual({
      ok: false,
      error: "Expression is longer than 3 characters.",
    });
    expect(compileExpression("((a))", { maxDepth: 1 }).ok).toBe(false);
    expect(DEFAULT_EXPR_LIMITS).toMatchObject({
      maxLength: 4096,
      maxDepth: 32,
      maxResultBytes: 1_000_000,
      maxListItems: 10_000,
    });
  });

  it("32 levels of nesting are allowed", () => {
    const source = "(".repeat(31) + "[1]" + ")".repeat(31);
    expect(compiled(source).evaluate({})).toEqual([1]);
  });
});

describe("evaluation errors", () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["trigger.missing", vars, /^No such key: missing \(at line 1, column \d+\)\.$/],
    ["unknownStep.value", vars, /Unknown variable: unknownStep/],
    ["items[10]", vars, /out of bounds|out of range/i],
    ["a + 1", { a: "s" }, /no such overload/],
  ])("%s", (source, input, message) => {
    const error = failure(() => compiled(source).evaluate(input));
    expect(error.code).toBe("expression_failed");
    expect(error.message).toMatch(message);
  });

  it("refuses a result larger than maxResultBytes", () => {
    const result = compileExpression("s + s", { maxResultBytes: 10 });
    if (!result.ok) throw new Error(result.error);
    expect(result.expr.evaluate({ s: "abcd" })).toBe("abcdabcd");
    expect(failure(() => result.expr.evaluate({ s: "abcdef" })).code).toBe(
      "expression_result_too_large",
    );
    const list = compileExpression("l", { maxResultBytes: 10 });
    if (!list.ok) throw new Error(list.error);
    expect(failure(() => list.expr.evaluate({ l: [1, 2, 3, 4, 5, 6] })).code).toBe(
      "expression_result_too_large",
    );
  });
});

describe("toJsonValue", () => {
  const proto = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
  it.each<[string, unknown, unknown]>([
    ["safe BigInt", 42n, 42],
    ["unsafe BigInt", 2n ** 63n - 1n, "9223372036854775807"],
    [
      "Map",
      new Map<unknown, unknown>([
        ["a", 1n],
        [2n, [true]],
      ]),
      { a: 1, "2": [true] },
    ],
    ["bytes", new Uint8Array([104, 105]), "aGk="],
    ["Date", new Date("2024-01-02T03:04:05.000Z"), "2024-01-02T03:04:05.000Z"],
    ["Set", new Set([1n, 2n]), [1, 2]],
    ["non-finite", [Infinity, NaN], [null, null]],
    ["undefined", undefined, null],
    ["plain JSON", { a: [1, "x", null, { b: false }] }, { a: [1, "x", null, { b: false }] }],
  ])("%s", (_, input, expected) => {
    expect(toJsonValue(input)).toEqual(expected);
  });

  it("keeps a __proto__ key as data, never as a prototype", () => {
    const out = toJsonValue(new Map([["__proto__", new Map([["polluted", true]])]])) as object;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(toJsonValue(proto))).toBe('{"__proto__":{"polluted":true}}');
  });
});
