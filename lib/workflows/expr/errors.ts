import { EvaluationError, ParseError, TypeError as CelTypeError } from "@marcbachmann/cel-js";

export type ExpressionErrorCode =
  "expression_invalid" | "expression_failed" | "expression_result_too_large";

/**
 * What evaluate() and render() throw. The message is for people (it may be shown to the workflow's
 * author); it never carries a JavaScript stack or internals. The original error, if any, is the
 * `cause`, for logs only.
 */
export class ExpressionError extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ExpressionError";
  }
}

/** "line 1, column 5" for a 0-based index into `source`. */
export function positionIn(source: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < source.length; i++) {
    if (source[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

export interface ErrorSummary {
  /** One line, no source excerpt, no stack. */
  summary: string;
  /** 0-based index in the expression the error points at, when known. */
  index?: number;
}

/** A cel-js error as one human line; anything else as a generic line (details stay in `cause`). */
export function summarize(error: unknown): ErrorSummary {
  if (error instanceof ExpressionError) return { summary: error.message };
  if (
    error instanceof ParseError ||
    error instanceof EvaluationError ||
    error instanceof CelTypeError
  ) {
    return { summary: firstLine(error.summary), index: error.range?.start };
  }
  if (error instanceof RangeError) {
    // V8's own limits: a string or array past its maximum size, or a too-deep recursion.
    if (/call stack/i.test(error.message)) return { summary: "Expression is nested too deeply" };
    return { summary: "Expression built a value too large to hold" };
  }
  return { summary: "Expression failed to evaluate" };
}

/** `summary (at line L, column C).` */
export function describe(source: string, { summary, index }: ErrorSummary, offset = 0): string {
  const text = summary.replace(/\.$/, "");
  if (index === undefined) return `${text}.`;
  return `${text} (at ${positionIn(source, offset + index)}).`;
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
