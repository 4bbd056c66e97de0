import { celVars, compileSource, toResultJson, type SourceCompiled } from "./compile";
import { describe, ExpressionError, positionIn, summarize } from "./errors";
import { resolveLimits, type ExprLimits } from "./limits";
import { skipString } from "./scan";
import { utf8Length } from "./values";

export interface CompiledTemplate {
  source: string;
  /** Distinct root identifiers read by all placeholders, in order of first appearance. */
  refs: string[];
  /** Strings render as they are, other values as JSON. Throws ExpressionError. */
  render(vars: Record<string, unknown>): string;
}

export type TemplateResult =
  { ok: true; template: CompiledTemplate } | { ok: false; error: string };

type Part = string | { offset: number; expr: SourceCompiled };

/**
 * Text with `{{ <CEL expression> }}` placeholders, e.g.
 * `Summarize {{ fetch.body }} for {{ trigger.audience }}`.
 * A placeholder ends at the first `}}` outside its string literals and map literals, so
 * `{{ "}}" }}` and `{{ {"a": {"b": 1}} }}` work. `\{{` writes a literal `{{`; a lone `}}` is text.
 */
export function compileTemplate(text: string, limits?: Partial<ExprLimits>): TemplateResult {
  const resolved = resolveLimits(limits);
  if (typeof text !== "string") return { ok: false, error: "Template must be text." };
  if (text.length > resolved.maxTemplateLength) {
    return {
      ok: false,
      error: `Template is longer than ${resolved.maxTemplateLength} characters.`,
    };
  }
  const parts: Part[] = [];
  const refs = new Set<string>();
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("\\{{", i)) {
      literal += "{{";
      i += 3;
      continue;
    }
    if (!text.startsWith("{{", i)) {
      literal += text[i];
      i++;
      continue;
    }
    const end = placeholderEnd(text, i + 2);
    if (end < 0) return { ok: false, error: `Unclosed "{{" (at ${positionIn(text, i)}).` };
    const compiled = compileSource(text.slice(i + 2, end), resolved);
    if (!compiled.ok) {
      const { summary, index = 0 } = compiled.problem;
      return { ok: false, error: describe(text, { summary, index }, i + 2) };
    }
    if (literal) parts.push(literal);
    literal = "";
    parts.push({ offset: i + 2, expr: compiled });
    compiled.refs.forEach((ref) => refs.add(ref));
    i = end + 2;
  }
  if (literal) parts.push(literal);
  const refList = [...refs];
  const template: CompiledTemplate = {
    source: text,
    refs: refList,
    render: (vars) => render(text, parts, celVars(vars, refList), resolved.maxResultBytes),
  };
  return { ok: true, template: Object.freeze(template) };
}

function render(text: string, parts: Part[], ctx: Record<string, unknown>, maxBytes: number) {
  let out = "";
  let bytes = 0;
  for (const part of parts) {
    let piece: string;
    if (typeof part === "string") piece = part;
    else {
      try {
        const raw = part.expr.run(ctx);
        const json = typeof raw === "string" ? raw : toResultJson(raw, maxBytes - bytes);
        piece = typeof json === "string" ? json : JSON.stringify(json);
      } catch (error) {
        throw inPlaceholder(text, part.offset, error);
      }
    }
    bytes += utf8Length(piece);
    if (bytes > maxBytes) {
      throw new ExpressionError(
        "expression_result_too_large",
        `Rendered text is larger than ${maxBytes} bytes.`,
      );
    }
    out += piece;
  }
  return out;
}

/** The placeholder's error, its position translated from the placeholder into the template. */
function inPlaceholder(text: string, offset: number, error: unknown): ExpressionError {
  const cause = error instanceof ExpressionError ? (error.cause ?? error) : error;
  const summary = summarize(cause);
  const code = error instanceof ExpressionError ? error.code : "expression_failed";
  const message = describe(text, { summary: summary.summary, index: summary.index ?? 0 }, offset);
  return new ExpressionError(code, message, { cause });
}

/** Index of the `}}` closing a placeholder whose expression starts at `start`, or -1. */
function placeholderEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const end = skipString(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (ch === "{") depth++;
    else if (ch === "}") {
      if (depth === 0 && text[i + 1] === "}") return i;
      if (depth > 0) depth--;
    }
  }
  return -1;
}
