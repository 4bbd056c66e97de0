import { describe, expect, test } from "vitest";
import { compileExpression, ExpressionError } from "@/lib/workflows/expr";

// Operand size counts: `in` and comparisons walk their lists, so a short expression over big
// inputs is refused by the step budget instead of holding the worker for seconds.
describe("the expression budget charges for walking big operands", () => {
  const lst = Array.from({ length: 2_000 }, (_, i) => i);
  const big = Array.from({ length: 100_000 }, (_, i) => i + 1_000_000);

  test.each([
    ["lst.map(i, i in big)", { lst, big }],
    ["lst.filter(i, big == big2).size() > 0", { lst, big, big2: [...big] }],
  ])("%s is refused by the step budget", (source, vars) => {
    const r = compileExpression(source);
    expect(r.ok).toBe(true);
    let error: unknown;
    try {
      if (r.ok) r.expr.evaluate(vars);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toMatch(/too much work/);
  });

  test("ordinary membership still works", () => {
    const r = compileExpression('"b" in labels && size(labels) == 3');
    expect(r.ok && r.expr.evaluate({ labels: ["a", "b", "c"] })).toBe(true);
  });
});
