import type { Edge, Node } from "@xyflow/react";
import type { EditorNodeData } from "../types";
import { autoLayout } from "./layout";

/** The node fields the canvas does not edit but must keep (retries, timeouts, error policy). */
export interface FlowNodeData extends EditorNodeData {
  [key: string]: unknown;
  extra?: Record<string, unknown>;
}
export type FlowNode = Node<FlowNodeData, "step">;
export type FlowEdge = Edge;
export interface RawGraph {
  nodes: unknown[];
  edges: unknown[];
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object";

/** A saved graph as React Flow nodes and edges; nodes without a position are laid out. */
export function graphToFlow(graph: RawGraph): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = [];
  graph.nodes.forEach((raw, i) => {
    if (!isObj(raw)) return;
    const { id, type, label, position, config, ...extra } = raw;
    const nodeId = typeof id === "string" ? id : `node_${i}`;
    const p = isObj(position) ? position : null;
    nodes.push({
      id: nodeId,
      type: "step",
      position: {
        x: typeof p?.x === "number" ? p.x : NaN,
        y: typeof p?.y === "number" ? p.y : NaN,
      },
      data: {
        id: nodeId,
        type: String(type ?? ""),
        ...(typeof label === "string" ? { label } : {}),
        config: isObj(config) ? config : {},
        ...(Object.keys(extra).length ? { extra } : {}),
      },
    });
  });
  const edges: FlowEdge[] = [];
  graph.edges.forEach((raw, i) => {
    if (!isObj(raw) || typeof raw.source !== "string" || typeof raw.target !== "string") return;
    edges.push({
      id: typeof raw.id === "string" ? raw.id : `e${i}`,
      source: raw.source,
      target: raw.target,
      sourceHandle: typeof raw.sourceHandle === "string" ? raw.sourceHandle : null,
      targetHandle: typeof raw.targetHandle === "string" ? raw.targetHandle : null,
    });
  });
  const missing = nodes.filter((n) => Number.isNaN(n.position.x) || Number.isNaN(n.position.y));
  if (missing.length) {
    const placed = autoLayout({ nodes, edges });
    // Laid out as a whole, then the unplaced ones are put below what is already placed.
    const fixed = nodes.filter((n) => !missing.includes(n));
    const dy = fixed.length ? Math.max(...fixed.map((n) => n.position.y)) + 160 : 0;
    for (const n of missing) {
      const p = placed.get(n.id)!;
      n.position = { x: p.x, y: p.y + dy };
    }
  }
  return { nodes, edges };
}

/** The canvas as the graph the API stores (positions rounded, handles only when set). */
export function flowToGraph(nodes: FlowNode[], edges: FlowEdge[]) {
  return {
    nodes: nodes.map((n) => ({
      ...n.data.extra,
      id: n.data.id,
      type: n.data.type,
      ...(n.data.label ? { label: n.data.label } : {}),
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      config: n.data.config,
    })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}),
      ...(e.targetHandle ? { targetHandle: e.targetHandle } : {}),
    })),
  };
}
