import {
  compileExpression,
  compileTemplate,
  ExpressionError,
  toJsonValue,
  type CompiledExpression,
  type CompiledTemplate,
} from "../expr";
import type { ConfigIssue, ValidateScope } from "./types";

// Compiled expressions and templates by source: a graph's few hundred strings are compiled once
// per process, not once per step (bounded, so a flood of distinct sources cannot grow it).
const MAX_CACHED = 5_000;
const expressions = new Map<string, CompiledExpression>();
const templates = new Map<string, CompiledTemplate>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

function unknownRefs(refs: string[], scope: ValidateScope): string[] {
  return refs.filter((r) => !scope.vars.has(r));
}

const refsMessage = (missing: string[]) =>
  `reads ${missing.map((m) => `"${m}"`).join(", ")}, which no upstream node produces`;

/** Validation of an expression field: compiles, and every variable it reads is upstream. */
export function checkExpression(
  source: string,
  field: string,
  scope: ValidateScope,
  issues: ConfigIssue[],
): void {
  const r = compileExpression(source);
  if (!r.ok) return void issues.push({ field, message: r.error });
  const missing = unknownRefs(r.expr.refs, scope);
  if (missing.length) issues.push({ field, message: refsMessage(missing) });
}

/** Validation of a template field (`{{ expression }}` placeholders). */
export function checkTemplate(
  text: string,
  field: string,
  scope: ValidateScope,
  issues: ConfigIssue[],
): void {
  const r = compileTemplate(text);
  if (!r.ok) return void issues.push({ field, message: r.error });
  const missing = unknownRefs(r.template.refs, scope);
  if (missing.length) issues.push({ field, message: refsMessage(missing) });
}

/** Evaluates an expression to plain JSON; a compile error here is a step failure. */
export function evaluate(source: string, vars: Record<string, unknown>): unknown {
  let expr = expressions.get(source);
  if (!expr) {
    const r = compileExpression(source);
    if (!r.ok) throw new ExpressionError("expression_invalid", r.error);
    expr = remember(expressions, source, r.expr);
  }
  return toJsonValue(expr.evaluate(vars));
}

export function render(text: string, vars: Record<string, unknown>): string {
  let t = templates.get(text);
  if (!t) {
    const r = compileTemplate(text);
    if (!r.ok) throw new ExpressionError("expression_invalid", r.error);
    t = remember(templates, text, r.template);
  }
  return t.render(vars);
}
