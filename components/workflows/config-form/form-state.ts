import type { z } from "zod";
import { fieldMessage, humanize } from "@/components/lib/field-errors";
import type { GraphIssue } from "../types";
import type { FieldDescriptor } from "./describe-schema";

/*
 * The config form's pure part besides the schema walk: the value a new row or section starts
 * with, and every problem (zod's, as you type, and the editor's GraphIssues) placed on the field
 * it concerns, or at the top when no rendered field matches.
 */

export type Path = string;
export const childPath = (path: Path, key: string | number) =>
  path ? `${path}.${key}` : String(key);
/** Where a record key's own problem goes (the key's input, not its value's). */
export const keyPath = (record: Path, key: string) => `${childPath(record, key)}.#key`;

/** "Inputs", 2 → "Input 2": what one row of a list is called (its title, its buttons, its errors). */
export function rowLabel(listLabel: string, i: number): string {
  const one = listLabel.replace(/s$/, "");
  return `${one} ${i + 1}`;
}

/** A new value for a field: its default, else the smallest value the user fills in. */
export function emptyValue(d: FieldDescriptor): unknown {
  if (d.default !== undefined) return structuredClone(d.default);
  switch (d.kind) {
    case "string":
      return "";
    case "boolean":
      return false;
    case "enum":
      return d.options[0]?.value;
    case "array":
      return [];
    case "record":
      return {};
    case "object":
      return Object.fromEntries(
        d.fields
          .filter((f) => !f.optional || f.default !== undefined)
          .map((f) => [f.name, emptyValue(f)])
          .filter(([, v]) => v !== undefined),
      );
    case "union": {
      const v = d.variants[0];
      if (!v) return {};
      return {
        [d.discriminator]: v.value,
        ...(emptyValue({ ...d, kind: "object", fields: v.fields }) as object),
      };
    }
    default:
      return undefined;
  }
}

/** The variant of a union value (the first when its tag matches none). */
export const variantOf = (d: Extract<FieldDescriptor, { kind: "union" }>, value: unknown) =>
  d.variants.find(
    (v) => (value as Record<string, unknown> | undefined)?.[d.discriminator] === v.value,
  ) ?? d.variants[0];

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The rendered fields of a value, path → label (what a problem can be shown next to). */
export function renderedFields(
  d: FieldDescriptor,
  value: unknown,
  path: Path = "",
  label = d.label,
) {
  const out = new Map<Path, string>([[path, label]]);
  const add = (m: Map<Path, string>) => m.forEach((l, p) => out.set(p, l));
  const fields = (fs: FieldDescriptor[], v: unknown) => {
    const rec = asRecord(v);
    for (const f of fs) add(renderedFields(f, rec[f.name], childPath(path, f.name)));
  };
  if (d.kind === "object" && (value !== undefined || !d.optional)) fields(d.fields, value);
  else if (d.kind === "union" && value !== undefined)
    fields(variantOf(d, value)?.fields ?? [], value);
  else if (d.kind === "array" && Array.isArray(value))
    value.forEach((item, i) =>
      add(renderedFields(d.item, item, childPath(path, i), rowLabel(label, i))),
    );
  else if (d.kind === "record")
    for (const [k, v] of Object.entries(asRecord(value))) {
      add(renderedFields(d.valueField, v, childPath(path, k), k));
      out.set(keyPath(path, k), `"${k}"`);
    }
  return out;
}

export interface FormProblems {
  /** Sentences by field path, shown next to their fields. */
  fields: Map<Path, string[]>;
  /** What no rendered field matches, shown above the form. */
  top: string[];
}

/** A record key's own message ("is not a header name") instead of zod's "Invalid key in record". */
const messageOf = (issue: z.core.$ZodIssue) =>
  ("issues" in issue && Array.isArray(issue.issues) && issue.issues[0]?.message) || issue.message;

/** Zod's issues for the config plus the node's GraphIssues (`config.<path>`), placed. */
export function collectProblems(
  schema: z.ZodType,
  root: FieldDescriptor,
  config: unknown,
  issues: GraphIssue[],
): FormProblems {
  const rendered = renderedFields(root, config);
  const raw: { path: Path | null; message: string }[] = [];
  const parsed = schema.safeParse(config);
  if (!parsed.success)
    for (const i of parsed.error.issues) {
      const path = i.path.map(String);
      const at =
        i.code === "invalid_key"
          ? keyPath(path.slice(0, -1).join("."), path.at(-1)!)
          : path.join(".");
      raw.push({ path: at, message: messageOf(i) });
    }
  for (const i of issues) {
    const f = i.field;
    const path = f === "config" ? "" : f?.startsWith("config.") ? f.slice(7) : null;
    // A node-level field (timeoutMs, retry): the form has no control for it, but names it.
    const message = path === null && f ? fieldMessage(humanize(f), i.message) : i.message;
    raw.push({ path, message });
  }
  const problems: FormProblems = { fields: new Map(), top: [] };
  const push = (list: string[], s: string) => void (list.includes(s) || list.push(s));
  for (const { path, message } of raw) {
    let at = path;
    while (at && !rendered.has(at)) at = at.includes(".") ? at.slice(0, at.lastIndexOf(".")) : "";
    if (!at || path === null) {
      push(problems.top, path ? fieldMessage(humanize(path), message) : message);
      continue;
    }
    const list = problems.fields.get(at) ?? [];
    push(list, fieldMessage(rendered.get(at)!, message));
    problems.fields.set(at, list);
  }
  return problems;
}

/** An object with `key` set to `v`, or without it when `v` is undefined (zod fills defaults). */
export function withKey(obj: unknown, key: string, v: unknown): Record<string, unknown> {
  const next = { ...asRecord(obj) };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next;
}
