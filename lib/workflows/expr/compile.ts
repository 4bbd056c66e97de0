import type { ParseResult } from "@marcbachmann/cel-js";
import { installGuards, Meter } from "./budget";
import { celEnvironment } from "./cel-env";
import { describe, ExpressionError, summarize, type ErrorSummary } from "./errors";
import { resolveLimits, type ExprLimits, type ResolvedExprLimits } from "./limits";
import { precheck } from "./scan";
import { inspect } from "./syntax";
import { toCelValue, toJsonBounded, utf8Length } from "./values";

export interface CompiledExpression {
  source: string;
  /** Distinct root identifiers read (`["trigger", "fetch"]`), macro-bound variables excluded. */
  refs: string[];
  /** Plain JSON result; throws ExpressionError. `vars`: JSON values, read only as data. */
  evaluate(vars: Record<string, unknown>): unknown;
}

export type CompileResult = { ok: true; expr: CompiledExpression } | { ok: false; error: string };

/** Parse, check and guard an expression once; evaluate it many times. Never throws on any text. */
export function compileExpression(source: string, limits?: Partial<ExprLimits>): CompileResult {
  const resolved = resolveLimits(limits);
  const compiled = compileSource(source, resolved);
  if (!compiled.ok) return { ok: false, error: describe(String(source), compiled.problem) };
  const { run } = compiled;
  const expr: CompiledExpression = {
    source,
    refs: [...compiled.refs],
    evaluate: (vars) => toResultJson(run(celVars(vars, compiled.refs)), resolved.maxResultBytes),
  };
  return { ok: true, expr: Object.freeze(expr) };
}

/**
 * cel-js counts the root and member chains (`a.b.c`) as nesting too; scan.ts enforces maxDepth
 * as documented (brackets, calls, unary runs) and cel-js's own limit, a little looser, backs it.
 */
const DEPTH_SLACK = 8;

export interface SourceCompiled {
  ok: true;
  refs: string[];
  /** Evaluates over CEL values (see celVars); the raw CEL result. Throws ExpressionError. */
  run(ctx: Record<string, unknown>): unknown;
}

export function compileSource(
  source: string,
  limits: ResolvedExprLimits,
): SourceCompiled | { ok: false; problem: ErrorSummary } {
  if (typeof source !== "string") return fail({ summary: "Expression must be text" });
  const early = precheck(source, limits);
  if (early) return fail(early);
  let parsed: ParseResult;
  try {
    parsed = celEnvironment(limits.maxDepth + DEPTH_SLACK).parse(source);
  } catch (error) {
    const problem = summarize(error);
    if (!/^Exceeded maxDepth/.test(problem.summary)) return fail(problem);
    return fail({ ...problem, summary: `Expression nests deeper than ${limits.maxDepth} levels` });
  }
  const { refs, problem } = inspect(parsed.ast);
  if (problem) return fail(problem);
  const checked = safely(() => parsed.check());
  if (!checked.ok) return fail(summarize(checked.error));
  if (!checked.value.valid) return fail(summarize(checked.value.error));

  const meter = new Meter(limits);
  if (!installGuards(parsed.ast, meter)) {
    return fail({ summary: "Expression engine is not bounded (cel-js internals changed)" });
  }
  return {
    ok: true,
    refs,
    run(ctx) {
      meter.reset();
      let result: unknown;
      try {
        result = parsed(ctx);
      } catch (error) {
        throw toExpressionError(source, meter.tripped ?? error);
      }
      // A quantifier (`exists`, `||`) may swallow an error as CEL semantics allow; a tripped
      // guard fails the evaluation anyway, so a bound never depends on evaluation order.
      if (meter.tripped) throw toExpressionError(source, meter.tripped);
      return result;
    },
  };
}

/** Only the roots the expression reads, each copied into CEL values (see values.ts). */
export function celVars(vars: Record<string, unknown>, refs: string[]): Record<string, unknown> {
  if (typeof vars !== "object" || vars === null) {
    throw new ExpressionError("expression_invalid", "Expression variables must be an object.");
  }
  // A null prototype: an unknown root such as `constructor` is missing, not Object's.
  const ctx: Record<string, unknown> = Object.create(null);
  for (const ref of refs) {
    if (!Object.hasOwn(vars, ref)) continue;
    const value = toCelValue(vars[ref]);
    if (value !== undefined) ctx[ref] = value;
  }
  return ctx;
}

/** CEL result → JSON, refused past maxBytes (a bounded walk first, then the exact UTF-8 size). */
export function toResultJson(raw: unknown, maxBytes: number): unknown {
  const json = toJsonBounded(raw, maxBytes);
  if (utf8Length(JSON.stringify(json) ?? "null") > maxBytes) {
    throw new ExpressionError(
      "expression_result_too_large",
      `Result is larger than ${maxBytes} bytes as JSON.`,
    );
  }
  return json;
}

function toExpressionError(source: string, error: unknown): ExpressionError {
  if (error instanceof ExpressionError) return error;
  return new ExpressionError("expression_failed", describe(source, summarize(error)), {
    cause: error,
  });
}

function fail(problem: ErrorSummary): { ok: false; problem: ErrorSummary } {
  return { ok: false, problem };
}

function safely<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}
