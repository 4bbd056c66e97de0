import type { UpstreamVar } from "../types";
import type { StringFormat } from "./describe-schema";

/*
 * What to suggest at the cursor of a template or expression field, and the text after picking a
 * suggestion. Pure: the input component only tracks the cursor and the highlighted row.
 */

export interface Suggestion {
  /** What is inserted (`fetch` or `fetch.status`). */
  value: string;
  /** The node's type and label, shown beside it. */
  detail: string;
}

export interface SuggestionList {
  /** The span of text the suggestion replaces (the identifier being typed). */
  from: number;
  to: number;
  query: string;
  items: Suggestion[];
}

const MAX_ITEMS = 50;
const IDENT_TAIL = /[A-Za-z_][A-Za-z0-9_.]*$/;
const IDENT_HEAD = /^[A-Za-z0-9_.]*/;

/** All suggestions: each variable, then `name.field` for its known fields. */
export function candidates(upstream: UpstreamVar[]): Suggestion[] {
  return upstream.flatMap((v) => {
    const detail = v.label && v.label !== v.name ? `${v.label} (${v.type})` : v.type;
    return [
      { value: v.name, detail },
      ...v.fields.map((f) => ({ value: `${v.name}.${f}`, detail })),
    ];
  });
}

/** Inside an unclosed "quoted" string literal at `at` (CEL strings never hold a variable). */
function inString(text: string, at: number): boolean {
  let quote: string | null = null;
  for (let i = 0; i < at; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
  }
  return quote !== null;
}

/** Where the expression being typed at `cursor` starts, or -1 when the cursor is outside one. */
function expressionStart(text: string, cursor: number, format: StringFormat): number {
  if (format === "expression") return 0;
  const open = text.lastIndexOf("{{", cursor - 2 < 0 ? 0 : cursor - 2);
  if (open < 0 || open + 2 > cursor) return -1;
  const close = text.indexOf("}}", open + 2);
  return close >= 0 && close < cursor ? -1 : open + 2;
}

/**
 * The suggestions at `cursor`: in a template only between `{{` and `}}` (all of them right after
 * `{{`); in an expression once an identifier is started. Null when there is nothing to offer.
 */
export function suggestAt(
  text: string,
  cursor: number,
  format: StringFormat,
  upstream: UpstreamVar[],
): SuggestionList | null {
  const start = expressionStart(text, cursor, format);
  if (start < 0) return null;
  const before = text.slice(start, cursor);
  if (inString(before, before.length)) return null;
  const m = IDENT_TAIL.exec(before);
  const query = m?.[0] ?? "";
  const from = cursor - query.length;
  // "1abc" or "x.y" reached mid-token: the identifier must start here, not inside a longer token.
  if (m && from > start && /[A-Za-z0-9_.]/.test(text[from - 1]!)) return null;
  if (!query && (format === "expression" || before.trim() !== "")) return null;
  const to = cursor + IDENT_HEAD.exec(text.slice(cursor))![0].length;
  const q = query.toLowerCase();
  const all = candidates(upstream);
  const items = [
    ...all.filter((s) => s.value.toLowerCase().startsWith(q)),
    ...all.filter(
      (s) => q && !s.value.toLowerCase().startsWith(q) && s.value.toLowerCase().includes(q),
    ),
  ].slice(0, MAX_ITEMS);
  return items.length ? { from, to, query, items } : null;
}

/** The text after picking `value`, and where the cursor goes (a template's `}}` is closed). */
export function applySuggestion(
  text: string,
  list: Pick<SuggestionList, "from" | "to">,
  value: string,
  format: StringFormat,
): { text: string; cursor: number } {
  const head = text.slice(0, list.from);
  const tail = text.slice(list.to);
  if (format === "expression")
    return { text: head + value + tail, cursor: head.length + value.length };
  const lead = head.endsWith("{{") ? " " : "";
  const closed = /^\s*}}/.test(tail);
  const insert = lead + value + (closed ? "" : " }}");
  return { text: head + insert + tail, cursor: head.length + insert.length };
}
