import { NodeId } from "./engine";
import { NODE_DEFINITIONS, NODE_TYPES, definitionOf, type Handle } from "./engine";

/** A new node's starting config: what the type needs to draw its handles (the rest is blank, so
 * the node shows what is missing). */
const DEFAULT_CONFIGS: Record<string, Record<string, unknown>> = {
  trigger: { inputs: [] },
  llm: { prompt: "" },
  condition: { expression: "" },
  switch: { cases: [{ id: "case_1", label: "Case 1", expression: "" }] },
  transform: { expression: "" },
  iterate: { items: "" },
  http: { method: "GET", url: "" },
  database: { operation: "query", databaseId: "" },
  document: { mode: "create", title: "", text: "" },
  approval: { role: "editor", prompt: "" },
  delay: { seconds: 60 },
  output: { expression: "" },
};

export const defaultConfig = (type: string): Record<string, unknown> =>
  structuredClone(DEFAULT_CONFIGS[type] ?? {});

/** One letter-ish glyph per type: the palette and the node header (no icon font dependency). */
export const NODE_ICONS: Record<string, string> = {
  trigger: "▶",
  llm: "✦",
  condition: "◇",
  switch: "⇉",
  transform: "ƒ",
  iterate: "↻",
  http: "⇄",
  database: "▤",
  document: "▭",
  approval: "✓",
  delay: "◷",
  output: "■",
};

export const PALETTE = NODE_TYPES.map((type) => ({
  type,
  title: NODE_DEFINITIONS[type].title,
  description: NODE_DEFINITIONS[type].description,
}));

export const titleOf = (type: string) => definitionOf(type)?.title ?? type;

export function inputsOf(type: string): readonly Handle[] {
  return definitionOf(type)?.inputs ?? [];
}

/** Output handles; a config being edited may be half-formed (a switch without cases), so never throw. */
export function outputsOf(
  type: string,
  config: Record<string, unknown>,
  onError?: unknown,
): Handle[] {
  const def = definitionOf(type);
  if (!def) return [];
  let outs: Handle[];
  try {
    outs = def.outputs(config as never);
  } catch {
    outs = [];
  }
  const policy = (onError as { policy?: string } | undefined)?.policy;
  return policy === "branch" ? [...outs, { id: "error", label: "Error" }] : outs;
}

/** A fresh node id from `base` that is a valid identifier and not taken. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  let stem = base
    .replace(/[^A-Za-z0-9_]/g, "_")
    .replace(/_\d+$/, "")
    .slice(0, 56);
  if (!/^[A-Za-z_]/.test(stem)) stem = `n_${stem}`;
  if (!NodeId.safeParse(stem).success) stem = `${stem}_node`;
  if (!taken.has(stem) && NodeId.safeParse(stem).success) return stem;
  for (let i = 2; ; i++) {
    const id = `${stem}_${i}`;
    if (!taken.has(id)) return id;
  }
}
