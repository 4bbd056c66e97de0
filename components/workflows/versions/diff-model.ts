// The version diff (lib/workflows/diff.ts's GraphDiff, as the diff API returns it) turned into
// what the panel shows: one row per node or edge, each with its fields old → new. Pure.
import type { DiffEdge, DiffNode, FieldChange, GraphDiff } from "@/lib/workflows/diff";

export type ChangeKind = "added" | "removed" | "changed";

export interface FieldRow {
  path: string;
  kind: ChangeKind;
  /** The values as short text; absent on the side where the field does not exist. */
  before?: string;
  after?: string;
}

export interface DiffRow {
  key: string;
  kind: ChangeKind;
  what: "node" | "edge";
  /** "Summarize (llm)" for a node, "fetch → out (approved)" for an edge. */
  title: string;
  fields: FieldRow[];
}

/** Longest value text shown in a row; the rest is cut with an ellipsis. */
export const MAX_VALUE_CHARS = 160;

/** A value as one line of text: strings as they are (quoted), the rest as JSON. */
export function formatValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = "—";
  else if (typeof value === "string") text = JSON.stringify(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

const nodeTitle = (n: { id: string; type: string; label?: string }) =>
  `${n.label || n.id} (${n.type})`;

const edgeTitle = (e: DiffEdge) =>
  `${e.source} → ${e.target}${e.sourceHandle ? ` (${e.sourceHandle})` : ""}`;

const fieldRow = (f: FieldChange): FieldRow => ({
  path: f.path,
  kind: f.kind,
  ...(f.kind !== "added" && { before: formatValue(f.before) }),
  ...(f.kind !== "removed" && { after: formatValue(f.after) }),
});

/** Every field of an added or removed node or edge, so the row shows what it held. */
function wholeFields(item: object, kind: "added" | "removed", skip: string[]): FieldRow[] {
  return Object.entries(item)
    .filter(([k, v]) => !skip.includes(k) && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, v]) => ({ path, kind, [kind === "added" ? "after" : "before"]: formatValue(v) }));
}

/**
 * Rows in reading order: nodes removed, added, changed, then edges the same way. Node positions
 * are left out of added/removed rows (where the box sits says nothing), kept in changed ones.
 */
export function diffRows(diff: GraphDiff): DiffRow[] {
  const rows: DiffRow[] = [];
  const node = (kind: "added" | "removed") => (n: DiffNode) =>
    rows.push({
      key: `node-${kind}-${n.id}`,
      kind,
      what: "node",
      title: nodeTitle(n),
      fields: wholeFields(n, kind, ["id", "type", "position"]),
    });
  diff.nodes.removed.forEach(node("removed"));
  diff.nodes.added.forEach(node("added"));
  for (const c of diff.nodes.changed)
    rows.push({
      key: `node-changed-${c.id}`,
      kind: "changed",
      what: "node",
      title: nodeTitle({ id: c.id, type: c.type }),
      fields: [
        ...(c.typeChanged
          ? [{ path: "type", kind: "changed" as const, ...typeValues(c.typeChanged) }]
          : []),
        ...c.fields.map(fieldRow),
      ],
    });
  const edge = (kind: "added" | "removed") => (e: DiffEdge) =>
    rows.push({
      key: `edge-${kind}-${e.id}`,
      kind,
      what: "edge",
      title: edgeTitle(e),
      fields: [],
    });
  diff.edges.removed.forEach(edge("removed"));
  diff.edges.added.forEach(edge("added"));
  for (const c of diff.edges.changed)
    rows.push({
      key: `edge-changed-${c.id}`,
      kind: "changed",
      what: "edge",
      title: `Connection ${c.id}`,
      fields: c.fields.map(fieldRow),
    });
  return rows;
}

const typeValues = (t: { before: string; after: string }) => ({
  before: formatValue(t.before),
  after: formatValue(t.after),
});

/** What a version is called in the pickers and headings: "Draft" for 0, else "Version n". */
export const versionName = (n: number) => (n === 0 ? "Draft" : `Version ${n}`);
