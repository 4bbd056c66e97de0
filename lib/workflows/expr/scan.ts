import type { ErrorSummary } from "./errors";
import type { ResolvedExprLimits } from "./limits";

/**
 * Lexical checks that run before cel-js parses anything: its parser is recursive, so a long run
 * of `((((` or `!!!!` would otherwise end in a stack overflow. One linear pass, skipping string
 * literals and `//` comments the way cel-js's lexer does.
 */
export function precheck(source: string, limits: ResolvedExprLimits): ErrorSummary | undefined {
  if (source.length > limits.maxLength) {
    return { summary: `Expression is longer than ${limits.maxLength} characters` };
  }
  if (source.trim() === "") return { summary: "Expression is empty" };
  const tooDeep = { summary: `Expression nests deeper than ${limits.maxDepth} levels` };
  // One frame per open bracket (the root is frame 0), each with its pending unary operators.
  const unary: number[] = [0];
  let pendingUnary = 0;
  let operandEnded = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '"' || ch === "'") {
      const end = skipString(source, i);
      if (end < 0) return undefined; // unterminated: the parser reports it with its position
      i = end - 1;
      endOperand();
    } else if (ch === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (ch === "(" || ch === "[" || ch === "{") {
      unary.push(0);
      if (unary.length - 1 + pendingUnary > limits.maxDepth) return { ...tooDeep, index: i };
      operandEnded = false;
    } else if (ch === ")" || ch === "]" || ch === "}") {
      if (unary.length > 1) pendingUnary -= unary.pop()!;
      endOperand();
    } else if ((ch === "!" && source[i + 1] !== "=") || (ch === "-" && !operandEnded)) {
      unary[unary.length - 1]!++;
      pendingUnary++;
      operandEnded = false;
      if (unary.length - 1 + pendingUnary > limits.maxDepth) return { ...tooDeep, index: i };
    } else if (/[\w.]/.test(ch)) {
      endOperand();
    } else if (!/\s/.test(ch)) {
      operandEnded = false;
    }
  }
  return undefined;

  function endOperand() {
    pendingUnary -= unary[unary.length - 1]!;
    unary[unary.length - 1] = 0;
    operandEnded = true;
  }
}

/**
 * Index just past the string literal whose opening quote is at `start`, or -1 if it never closes.
 * Like cel-js: `'`/`"`, tripled for multi-line, a backslash always escapes the next character
 * (raw and bytes prefixes are letters before the quote and change nothing here).
 */
export function skipString(text: string, start: number): number {
  const quote = text[start];
  const triple = text[start + 1] === quote && text[start + 2] === quote;
  let i = start + (triple ? 3 : 1);
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") i += 2;
    else if (!triple && ch === quote) return i + 1;
    else if (triple && ch === quote && text[i + 1] === quote && text[i + 2] === quote) return i + 3;
    else if (!triple && (ch === "\n" || ch === "\r")) return -1;
    else i++;
  }
  return -1;
}
