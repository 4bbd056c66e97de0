import { ExpressionError } from "./errors";
import type { ResolvedExprLimits } from "./limits";

/**
 * Work bound for one evaluation. CEL has no loops, but macros nest (`a.map(x, a.map(y, …))` is
 * |a|² steps) and strings and lists grow by `+`; cel-js is synchronous and has no cost limit, so
 * without this a 60-character expression could hold a worker for hours.
 *
 * cel-js 8.0.0 gives every operator, call, ternary, field access and macro node a `handle`
 * function once the expression is type-checked (operators.js); the macros' comprehension nodes
 * hang off `meta.alternate`, cel.bind's operands off `meta.macro`. We wrap each `handle` of OUR
 * parsed AST (nothing global is touched) to count steps and refuse oversized lists and strings.
 * This leans on internals of the exact pinned version: tests/unit/workflow-expr-escapes.test.ts
 * proves the guards bite, so an upgrade that moves them fails there, loudly.
 */
export class Meter {
  steps = 0;
  /** The first bound this evaluation hit; kept even if a quantifier swallows the throw. */
  tripped: ExpressionError | undefined;
  constructor(private readonly limits: ResolvedExprLimits) {}

  reset() {
    this.steps = 0;
    this.tripped = undefined;
  }

  private trip(code: ExpressionError["code"], message: string): never {
    this.tripped ??= new ExpressionError(code, message);
    throw this.tripped;
  }

  charge(steps: number) {
    this.steps += steps;
    if (this.steps > this.limits.maxSteps) {
      this.trip(
        "expression_failed",
        `Expression does too much work (more than ${this.limits.maxSteps} steps).`,
      );
    }
  }

  iterate(items: unknown) {
    const n = countItems(items);
    if (n > this.limits.maxListItems) {
      this.trip(
        "expression_failed",
        `A macro would iterate over ${n} items; the limit is ${this.limits.maxListItems}.`,
      );
    }
    this.charge(n + 1);
  }

  /** A value an operator or function just built. */
  built(value: unknown) {
    if (typeof value === "string") {
      if (value.length > this.limits.maxResultBytes) {
        this.trip(
          "expression_result_too_large",
          `Expression built a string longer than ${this.limits.maxResultBytes} characters.`,
        );
      }
      this.charge(Math.floor(value.length / 1000));
    } else if (Array.isArray(value) && value.length > this.limits.maxListItems) {
      this.trip(
        "expression_result_too_large",
        `Expression built a list of more than ${this.limits.maxListItems} items.`,
      );
    }
  }
}

type Handle = (this: unknown, ...args: unknown[]) => unknown;
type Internal = Record<string, unknown>;

/** Operators, calls and accesses: each gets a `handle` when checked, unless a macro replaces it. */
const GUARDED = new Set(
  "+ - * / % == != < <= > >= in !_ -_ ?: . [] call rcall comprehension".split(" "),
);

/**
 * Wraps every `handle` reachable from `ast`. False when a checked node that should have one had
 * none: cel-js's internals moved, and the caller refuses the expression rather than run it
 * unbounded.
 */
export function installGuards(ast: object, meter: Meter): boolean {
  const seen = new WeakSet<object>();
  const stack: unknown[] = [ast];
  let wrapped = 0;
  let expected = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== "object" || item === null || seen.has(item)) continue;
    seen.add(item);
    if (Array.isArray(item)) {
      stack.push(...item);
      continue;
    }
    const node = item as Internal;
    if (!isNode(node)) {
      // Comprehension arguments and macro records: plain objects holding nodes.
      if (Object.getPrototypeOf(node) === Object.prototype) stack.push(...Object.values(node));
      continue;
    }
    const meta = node.meta as Internal | undefined;
    // Only type-checked nodes get a handle (has()'s field chain, for one, is never checked).
    if (GUARDED.has(String(node.op)) && node.checkedType && !meta?.alternate && !meta?.macro) {
      expected++;
    }
    if (typeof node.handle === "function") {
      node.handle = guard(String(node.op), node.handle as Handle, meter);
      wrapped++;
    }
    stack.push(node.args, meta?.alternate, meta?.macro);
  }
  return wrapped >= expected;
}

function isNode(value: Internal): boolean {
  return typeof value.op === "string" && "args" in value && typeof value.evaluate === "function";
}

/** Operators that walk list and map operands. */
const WALKERS = new Set(["in", "==", "!=", "<", "<=", ">", ">="]);

/** Operators and functions that can build strings and lists (`+`, split, join, substring, …). */
const BUILDERS = new Set(["+", "call", "rcall"]);

function guard(op: string, handle: Handle, meter: Meter): Handle {
  if (op === "comprehension") {
    return function (this: unknown, items, ...rest) {
      meter.iterate(items);
      return handle.call(this, items, ...rest);
    };
  }
  const builds = BUILDERS.has(op);
  const callArgs = op === "call" || op === "rcall";
  // `x in list` and comparing lists or maps walk them: one step per item, so
  // `a.map(i, i in big)` costs |a|·|big|, not |a|.
  const walks = WALKERS.has(op);
  return function (this: unknown, ...args) {
    if (walks) meter.charge(countItems(args[0]) + countItems(args[1]));
    // Strings handed to a function are scanned by it (contains, indexOf, join):
    // 1 step per 1,000 characters.
    meter.charge(1 + Math.floor(stringChars(callArgs ? args[0] : args.slice(0, 2)) / 1000));
    const result = handle.apply(this, args);
    if (builds) meter.built(result);
    return result;
  };
}

function stringChars(values: unknown): number {
  if (!Array.isArray(values) || values.length > 64) return 0;
  let chars = 0;
  for (const v of values) if (typeof v === "string") chars += v.length;
  return chars;
}

function countItems(items: unknown): number {
  if (Array.isArray(items)) return items.length;
  if (items instanceof Map || items instanceof Set) return items.size;
  if (typeof items === "object" && items !== null) return Object.keys(items).length;
  return 0;
}
