import type { FlowEdge, FlowNode } from "./convert";

export interface Snapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}
export interface History {
  past: Snapshot[];
  future: Snapshot[];
}

const LIMIT = 100;
export const emptyHistory = (): History => ({ past: [], future: [] });

/** Records the state before an edit; a new edit forgets what was undone. */
export function record(h: History, before: Snapshot): History {
  return { past: [...h.past.slice(-(LIMIT - 1)), before], future: [] };
}

export function undo(h: History, current: Snapshot): { history: History; state: Snapshot } | null {
  const prev = h.past.at(-1);
  if (!prev) return null;
  return { history: { past: h.past.slice(0, -1), future: [current, ...h.future] }, state: prev };
}

export function redo(h: History, current: Snapshot): { history: History; state: Snapshot } | null {
  const next = h.future[0];
  if (!next) return null;
  return { history: { past: [...h.past, current], future: h.future.slice(1) }, state: next };
}
