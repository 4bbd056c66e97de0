import type { FlowEdge, FlowNode } from "./convert";
import { uniqueId } from "./node-catalog";

export interface Clip {
  nodes: FlowNode[];
  /** Only the edges between copied nodes travel with them. */
  edges: FlowEdge[];
}

export function copySelection(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Clip | null {
  const picked = nodes.filter((n) => n.selected);
  if (!picked.length) return null;
  const ids = new Set(picked.map((n) => n.id));
  return {
    nodes: structuredClone(picked),
    edges: structuredClone(edges.filter((e) => ids.has(e.source) && ids.has(e.target))),
  };
}

/**
 * The clip as new nodes: fresh ids (valid identifiers, unique in the graph), offset so the copy
 * is visible, selected; inner edges re-pointed at the copies.
 */
export function pasteClip(
  clip: Clip,
  taken: ReadonlySet<string>,
  offset = 40,
  /** The graph's edge ids: a renamed node keeps its edges' old ids, which a copy may repeat. */
  takenEdges: ReadonlySet<string> = new Set(),
): Clip {
  const used = new Set(taken);
  const renamed = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = uniqueId(n.id, used);
    used.add(id);
    renamed.set(n.id, id);
    const copy = structuredClone(n);
    return {
      ...copy,
      id,
      selected: true,
      dragging: false,
      position: { x: n.position.x + offset, y: n.position.y + offset },
      data: { ...copy.data, id },
    };
  });
  const edgeIds = new Set(takenEdges);
  const edges = clip.edges.map((e) => {
    const source = renamed.get(e.source)!;
    const target = renamed.get(e.target)!;
    let id = `${source}-${e.sourceHandle ?? "out"}-${target}`;
    while (edgeIds.has(id)) id += "_";
    edgeIds.add(id);
    return { ...e, id, source, target, selected: false };
  });
  return { nodes, edges };
}
