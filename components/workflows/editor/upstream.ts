import type { UpstreamVar } from "../types";
import type { FlowEdge, FlowNode } from "./convert";
import { titleOf } from "./node-catalog";

/** Known output fields per type, for `name.field` suggestions. */
const FIELDS: Record<string, string[]> = {
  http: ["status", "headers", "body", "url"],
  approval: ["decision", "comment", "decidedBy"],
};

/**
 * The variables a node may read: every node upstream of it (its ancestors), plus `item` and
 * `index` when it sits in a For each body (reached through an "Each item" handle).
 */
export function upstreamVars(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  nodeId: string,
): UpstreamVar[] {
  const incoming = new Map<string, FlowEdge[]>();
  for (const e of edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  const seen = new Set<string>();
  let inBody = false;
  const stack = [nodeId];
  while (stack.length)
    for (const e of incoming.get(stack.pop()!) ?? []) {
      if (e.sourceHandle === "item") inBody = true;
      if (!seen.has(e.source) && e.source !== nodeId) {
        seen.add(e.source);
        stack.push(e.source);
      }
    }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const vars: UpstreamVar[] = [...seen]
    .map((id) => byId.get(id))
    .filter((n): n is FlowNode => !!n)
    .map((n) => ({
      name: n.id,
      type: n.data.type,
      label: n.data.label || titleOf(n.data.type),
      fields: FIELDS[n.data.type] ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (inBody)
    vars.push(
      { name: "item", type: "item", label: "The current item", fields: [] },
      { name: "index", type: "index", label: "Its position (0-based)", fields: [] },
    );
  return vars;
}
