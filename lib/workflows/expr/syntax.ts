import type { ASTNode } from "@marcbachmann/cel-js";
import { isBuiltinName } from "./cel-env";
import type { ErrorSummary } from "./errors";

/** Macros whose first argument names a variable bound in the rest (`items.map(x, x * 2)`). */
const BINDING_MACROS = new Set(["all", "exists", "exists_one", "map", "filter"]);

/**
 * JavaScript's object plumbing. Data never reaches it (values are Maps, see values.ts), but an
 * expression that names it is an attempt or a mistake: refused with a clear message either way.
 * Data keys with these names stay readable as `x["constructor"]`.
 */
const FORBIDDEN_NAMES = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Functions refused at compile time. cel-js runs `matches` with JavaScript's backtracking RegExp,
 * which a crafted pattern or input turns into minutes of CPU (ReDoS); CEL specifies RE2.
 */
const FORBIDDEN_FUNCTIONS = new Map([
  [
    "matches",
    "matches() is not available (its regular expressions could run for minutes); " +
      "use contains(), startsWith() or endsWith()",
  ],
]);

/** An AST nested this deep (e.g. 2,000 chained `+`) is refused: cel-js evaluates it recursively. */
export const MAX_AST_DEPTH = 400;

export interface Inspection {
  /** Root identifiers read, in order of first appearance, without macro-bound ones. */
  refs: string[];
  problem?: ErrorSummary;
}

/** Walks cel-js's public AST shape (index.d.ts): collects refs, refuses forbidden names. */
export function inspect(ast: ASTNode): Inspection {
  const refs = new Set<string>();
  let problem: ErrorSummary | undefined;

  function fail(summary: string, node: ASTNode) {
    problem ??= { summary, index: node.start };
  }

  function visit(node: ASTNode, bound: ReadonlySet<string>, depth: number): void {
    if (problem) return;
    if (depth > MAX_AST_DEPTH) return fail("Expression has too many chained operations", node);
    const next = depth + 1;
    switch (node.op) {
      case "value":
        return;
      case "id":
        if (FORBIDDEN_NAMES.has(node.args)) return fail(`'${node.args}' is not allowed`, node);
        if (!bound.has(node.args) && !isBuiltinName(node.args)) refs.add(node.args);
        return;
      case ".":
      case ".?":
        if (FORBIDDEN_NAMES.has(node.args[1])) {
          const summary = `'${node.args[1]}' is not allowed as a field name`;
          problem ??= { summary, index: node.end - node.args[1].length };
          return;
        }
        return visit(node.args[0], bound, next);
      case "call":
        if (FORBIDDEN_FUNCTIONS.has(node.args[0])) {
          return fail(FORBIDDEN_FUNCTIONS.get(node.args[0])!, node);
        }
        return node.args[1].forEach((arg) => visit(arg, bound, next));
      case "rcall":
        return visitMethod(node, bound, next);
      case "map":
        for (const [key, value] of node.args) {
          if (key.op === "value" && typeof key.args === "string" && FORBIDDEN_NAMES.has(key.args)) {
            return fail(`'${key.args}' is not allowed as a map key`, key);
          }
          visit(key, bound, next);
          visit(value, bound, next);
        }
        return;
      case "!_":
      case "-_":
        return visit(node.args, bound, next);
      default:
        // Operators, ternary, index, list: all operands are nodes.
        return (node.args as ASTNode[]).forEach((arg) => visit(arg, bound, next));
    }
  }

  function visitMethod(node: ASTNode & { op: "rcall" }, bound: ReadonlySet<string>, depth: number) {
    const [name, receiver, args] = node.args;
    if (FORBIDDEN_FUNCTIONS.has(name)) return fail(FORBIDDEN_FUNCTIONS.get(name)!, node);
    const variable = args[0]?.op === "id" ? args[0].args : undefined;
    if (
      name === "bind" &&
      receiver.op === "id" &&
      receiver.args === "cel" &&
      variable &&
      args.length === 3
    ) {
      // cel.bind(v, value, body): v is bound in body only.
      visit(args[1]!, bound, depth);
      return visit(args[2]!, new Set([...bound, variable]), depth);
    }
    visit(receiver, bound, depth);
    if (BINDING_MACROS.has(name) && variable && args.length >= 2) {
      const inner = new Set([...bound, variable]);
      return args.slice(1).forEach((arg) => visit(arg, inner, depth));
    }
    args.forEach((arg) => visit(arg, bound, depth));
  }

  visit(ast, new Set(), 0);
  return { refs: [...refs], problem };
}
