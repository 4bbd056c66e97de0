/**
 * Bounds on one expression. Checked in this order: length and nesting before parsing (so a huge
 * or deeply nested input is refused in linear time, never by a stack overflow), list sizes and
 * work while evaluating, the result's JSON size after.
 */
export interface ExprLimits {
  /** Characters in one expression (a template's placeholder counts on its own). */
  maxLength: number;
  /** Nesting of parentheses, brackets, braces and calls, plus runs of unary `!`/`-`. */
  maxDepth: number;
  /** UTF-8 bytes of a result as JSON (a template's rendered text); also caps strings built. */
  maxResultBytes: number;
  /** Items a macro (map, filter, all, exists…) may iterate over, or a built list may hold. */
  maxListItems?: number;
  /** Evaluation steps: operator and function calls, macro iterations, 1,000 string chars. */
  maxSteps?: number;
  /** Characters of a template's whole text. */
  maxTemplateLength?: number;
}

export type ResolvedExprLimits = Required<ExprLimits>;

export const DEFAULT_EXPR_LIMITS: ExprLimits = Object.freeze({
  maxLength: 4096,
  maxDepth: 32,
  maxResultBytes: 1_000_000,
  maxListItems: 10_000,
  maxSteps: 1_000_000,
  maxTemplateLength: 100_000,
});

export function resolveLimits(limits?: Partial<ExprLimits>): ResolvedExprLimits {
  const merged = { ...DEFAULT_EXPR_LIMITS, ...definedOnly(limits) } as ResolvedExprLimits;
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Expression limit ${key} must be a positive integer.`);
    }
  }
  return merged;
}

function definedOnly(limits?: Partial<ExprLimits>): Partial<ExprLimits> {
  if (!limits) return {};
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}
