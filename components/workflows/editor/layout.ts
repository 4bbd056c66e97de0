import dagre from "@dagrejs/dagre";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 96;

export interface LayoutInput {
  nodes: { id: string; width?: number; height?: number }[];
  edges: { source: string; target: string }[];
}

/**
 * Left-to-right layered positions (top-left corners, as React Flow places nodes) for every node.
 * Pure: the same graph always gets the same positions.
 */
export function autoLayout({ nodes, edges }: LayoutInput): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes)
    g.setNode(n.id, { width: n.width ?? NODE_WIDTH, height: n.height ?? NODE_HEIGHT });
  const ids = new Set(nodes.map((n) => n.id));
  for (const e of edges) if (ids.has(e.source) && ids.has(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id);
    const w = n.width ?? NODE_WIDTH;
    const h = n.height ?? NODE_HEIGHT;
    out.set(n.id, { x: Math.round(p.x - w / 2), y: Math.round(p.y - h / 2) });
  }
  return out;
}
