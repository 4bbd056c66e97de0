/**
 * A pure diff of two versions of a workflow graph, for a "what changed" view and for version
 * history. Nodes and edges are matched by id; everything else is compared field by field, with
 * dotted paths ("config.headers.Authorization", "config.cases.1.expression", "position.x").
 *
 * Semantics, JSON-like because graphs are stored as JSON:
 * - a property whose value is `undefined` counts as absent (`{ a: undefined }` equals `{}`);
 * - plain objects are compared key by key, keys in code-unit order;
 * - arrays are compared by index: an element inserted in the middle shows as changes to every
 *   later index plus one addition at the end (no move detection, on purpose: cheap and stable);
 * - other objects (Date, class instances) and values of different shapes compare by their
 *   canonical JSON, and a difference is one "changed" entry for the whole value;
 * - below MAX_DIFF_DEPTH levels, a subtree is compared by canonical JSON and reported whole.
 * Output is deterministic: nodes and edges sorted by id (code-unit order), fields in key order
 * with array indices ascending. `before`/`after` values are the graphs' own, not copies.
 * Ids are assumed unique per graph (validation's job); with a duplicate, the last one counts.
 */

/** The least a node needs for a diff; any other keys are compared too. */
export interface DiffNode {
  id: string;
  type: string;
  label?: string;
  position?: { x: number; y: number };
  config?: unknown;
}

/** The least an edge needs for a diff; any other keys are compared too. */
export interface DiffEdge {
  id: string;
  source: string;
  sourceHandle?: string;
  target: string;
  targetHandle?: string;
}

export interface DiffGraph<N extends DiffNode = DiffNode, E extends DiffEdge = DiffEdge> {
  nodes: readonly N[];
  edges: readonly E[];
}

export interface FieldChange {
  /** Dotted path from the node or edge, e.g. "config.prompt", "position.x", "label". */
  path: string;
  before?: unknown; // absent when "added"
  after?: unknown; // absent when "removed"
  kind: "added" | "removed" | "changed";
}

export interface NodeChange {
  id: string;
  /** The type in the later version. */
  type: string;
  /** Present only when the type changed (its fields are still listed). */
  typeChanged?: { before: string; after: string };
  fields: FieldChange[];
}

export interface EdgeChange {
  id: string;
  fields: FieldChange[];
}

export interface GraphDiff<N extends DiffNode = DiffNode, E extends DiffEdge = DiffEdge> {
  nodes: { added: N[]; removed: N[]; changed: NodeChange[] };
  edges: { added: E[]; removed: E[]; changed: EdgeChange[] };
  /** true when only positions changed (layout), so a UI can say so; false when nothing changed. */
  layoutOnly: boolean;
  /** e.g. "2 nodes added, 1 removed, 3 changed; 1 edge added", "3 nodes moved (layout only)", "No changes." */
  summary: string;
}

/** How deep the field-by-field comparison goes before comparing whole subtrees. */
export const MAX_DIFF_DEPTH = 64;

export function diffGraphs<N extends DiffNode, E extends DiffEdge>(
  before: DiffGraph<N, E>,
  after: DiffGraph<N, E>,
  opts: { ignorePositions?: boolean } = {},
): GraphDiff<N, E> {
  const nodeSkip = opts.ignorePositions ? ["id", "type", "position"] : ["id", "type"];
  const nodes = matchById(before.nodes, after.nodes);
  const nodeChanges: NodeChange[] = [];
  for (const [id, a, b] of nodes.both) {
    const fields: FieldChange[] = [];
    diffObject("", asRecord(a), asRecord(b), 0, fields, nodeSkip);
    const typeChanged = a.type !== b.type;
    if (!typeChanged && fields.length === 0) continue;
    nodeChanges.push({
      id,
      type: b.type,
      ...(typeChanged && { typeChanged: { before: a.type, after: b.type } }),
      fields,
    });
  }
  const edges = matchById(before.edges, after.edges);
  const edgeChanges: EdgeChange[] = [];
  for (const [id, a, b] of edges.both) {
    const fields: FieldChange[] = [];
    diffObject("", asRecord(a), asRecord(b), 0, fields, ["id"]);
    if (fields.length > 0) edgeChanges.push({ id, fields });
  }
  const diff = {
    nodes: { added: nodes.added, removed: nodes.removed, changed: nodeChanges },
    edges: { added: edges.added, removed: edges.removed, changed: edgeChanges },
  };
  const layoutOnly =
    nodeChanges.length > 0 &&
    diff.nodes.added.length + diff.nodes.removed.length === 0 &&
    edgeChanges.length + diff.edges.added.length + diff.edges.removed.length === 0 &&
    nodeChanges.every((c) => !c.typeChanged && c.fields.every((f) => isPositionPath(f.path)));
  return { ...diff, layoutOnly, summary: summarize(diff, layoutOnly) };
}

function isPositionPath(path: string): boolean {
  return path === "position" || path.startsWith("position.");
}

function summarize(d: Pick<GraphDiff, "nodes" | "edges">, layoutOnly: boolean): string {
  if (layoutOnly) return `${count(d.nodes.changed.length, "node")} moved (layout only)`;
  const parts = [counts("node", lengths(d.nodes)), counts("edge", lengths(d.edges))];
  return parts.join("") === "" ? "No changes." : parts.filter((p) => p !== "").join("; ");
}

/** "2 nodes added, 1 removed, 3 changed": the noun goes with the first non-zero count. */
function counts(noun: string, n: { added: number; removed: number; changed: number }): string {
  return Object.entries(n)
    .filter(([, k]) => k > 0)
    .map(([verb, k], i) => (i === 0 ? `${count(k, noun)} ${verb}` : `${k} ${verb}`))
    .join(", ");
}

function lengths(list: { added: unknown[]; removed: unknown[]; changed: unknown[] }) {
  return { added: list.added.length, removed: list.removed.length, changed: list.changed.length };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function matchById<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const a = new Map(before.map((x) => [x.id, x]));
  const b = new Map(after.map((x) => [x.id, x]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort(); // code-unit order, locale-independent
  const added: T[] = [];
  const removed: T[] = [];
  const both: [string, T, T][] = [];
  for (const id of ids) {
    const x = a.get(id);
    const y = b.get(id);
    if (x && y) both.push([id, x, y]);
    else if (y) added.push(y);
    else if (x) removed.push(x);
  }
  return { added, removed, both };
}

function asRecord(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value) || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own and not undefined: `in` would see inherited keys, and a parsed "__proto__" is own. */
function present(obj: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(obj, key) && obj[key] !== undefined;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function diffObject(
  path: string,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  depth: number,
  out: FieldChange[],
  skip: readonly string[] = [],
): void {
  const keys = Object.keys(a);
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) keys.push(key);
  for (const key of keys.sort()) {
    if (skip.includes(key)) continue;
    const p = join(path, key);
    const inA = present(a, key);
    const inB = present(b, key);
    if (inA && inB) diffValue(p, a[key], b[key], depth + 1, out);
    else if (inA) out.push({ path: p, before: a[key], kind: "removed" });
    else if (inB) out.push({ path: p, after: b[key], kind: "added" });
  }
}

function diffValue(path: string, a: unknown, b: unknown, depth: number, out: FieldChange[]): void {
  if (a === b) return;
  if (depth >= MAX_DIFF_DEPTH) {
    if (canonicalJson(a) !== canonicalJson(b))
      out.push({ path, before: a, after: b, kind: "changed" });
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) return diffObject(path, a, b, depth, out);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = join(path, String(i));
      if (i >= b.length) out.push({ path: p, before: a[i], kind: "removed" });
      else if (i >= a.length) out.push({ path: p, after: b[i], kind: "added" });
      else diffValue(p, a[i], b[i], depth + 1, out);
    }
    return;
  }
  const primitives = !isObject(a) && !isObject(b);
  const same = primitives
    ? Number.isNaN(a) && Number.isNaN(b)
    : canonicalJson(a) === canonicalJson(b);
  if (!same) out.push({ path, before: a, after: b, kind: "changed" });
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** Work for canonicalJson: a value to write, or text to write (closing `leaves`, if given). */
type Frame = { kind: "value"; value: unknown } | { kind: "text"; text: string; leaves?: object };

/** What JSON.stringify would serialize in a value's place: toJSON() applied once. */
function resolve(value: unknown, key: string): unknown {
  if (isObject(value) || typeof value === "bigint") {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return toJSON.call(value, key) as unknown;
  }
  return value;
}

function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

/**
 * JSON with object keys sorted (code-unit order, recursively) and no whitespace, arrays in
 * order; for hashing and comparing graphs. Like JSON.stringify: toJSON() is honoured,
 * undefined/function/symbol properties are dropped (null in arrays; "null" for the value
 * itself), non-finite numbers are null, a BigInt or a cycle throws a TypeError. Keys are
 * Object.keys, so an own "__proto__" (as JSON.parse creates) is an ordinary key. Iterative:
 * any nesting depth, no stack overflow.
 */
export function canonicalJson(value: unknown): string {
  let out = "";
  const ancestors = new Set<object>();
  const stack: Frame[] = [{ kind: "value", value: resolve(value, "") }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.kind === "text") {
      if (frame.leaves) ancestors.delete(frame.leaves);
      out += frame.text;
      continue;
    }
    const v = frame.value;
    if (!isObject(v)) {
      out += scalarJson(v);
      continue;
    }
    if (ancestors.has(v)) throw new TypeError("canonicalJson: cyclic value");
    ancestors.add(v);
    if (Array.isArray(v)) {
      out += "[";
      stack.push({ kind: "text", text: "]", leaves: v });
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ kind: "value", value: resolve(v[i], String(i)) });
        if (i > 0) stack.push({ kind: "text", text: "," });
      }
      continue;
    }
    const record = v as Record<string, unknown>;
    const entries: [string, unknown][] = [];
    for (const key of Object.keys(record).sort()) {
      const resolved = resolve(record[key], key);
      if (hasJsonForm(resolved)) entries.push([key, resolved]);
    }
    out += "{";
    stack.push({ kind: "text", text: "}", leaves: v });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, resolved] = entries[i]!;
      stack.push({ kind: "value", value: resolved });
      stack.push({ kind: "text", text: `${i > 0 ? "," : ""}${JSON.stringify(key)}:` });
    }
  }
  return out;
}

function scalarJson(value: unknown): string {
  if (typeof value === "bigint") throw new TypeError("canonicalJson: a BigInt has no JSON form");
  if (!hasJsonForm(value)) return "null";
  // Strings (escaped), finite numbers (-0 as 0), booleans and null as JSON has them; NaN → null.
  return JSON.stringify(value);
}
