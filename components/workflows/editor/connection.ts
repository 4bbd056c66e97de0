import { inputsOf, outputsOf } from "./node-catalog";
import type { FlowEdge, FlowNode } from "./convert";

export interface ConnectionAttempt {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/**
 * Why a connection may not be drawn, or null when it may: the same rules validateGraph applies
 * to saved edges (handles exist, no self loop, no cycle, nothing into a trigger), checked while
 * the user drags so a bad edge is refused with its reason instead of appearing as an error.
 */
export function connectionProblem(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  c: ConnectionAttempt,
): string | null {
  if (!c.source || !c.target) return "Drop the connection on a node's input.";
  if (c.source === c.target) return "A node cannot lead into itself.";
  const source = nodes.find((n) => n.id === c.source);
  const target = nodes.find((n) => n.id === c.target);
  if (!source || !target) return "That node no longer exists.";
  const ins = inputsOf(target.data.type);
  if (ins.length === 0) return "Nothing can lead into a trigger: runs start there.";
  const outs = outputsOf(source.data.type, source.data.config, source.data.extra?.onError);
  const sourceHandle = c.sourceHandle ?? (outs.length === 1 ? outs[0]!.id : null);
  if (!sourceHandle || !outs.some((h) => h.id === sourceHandle))
    return `"${source.id}" has no output "${c.sourceHandle ?? ""}".`;
  if (!ins.some((h) => h.id === (c.targetHandle ?? "in")))
    return `"${target.id}" has no input "${c.targetHandle ?? ""}".`;
  if (
    edges.some(
      (e) =>
        e.source === c.source &&
        e.target === c.target &&
        (e.sourceHandle ?? sourceHandle) === sourceHandle,
    )
  )
    return "These are already connected.";
  if (reaches(edges, c.target, c.source))
    return "That would make a cycle; workflows run forward only (use For each to repeat).";
  return null;
}

/** Whether `to` is reachable from `from` along the edges (iterative, for long chains). */
function reaches(edges: readonly FlowEdge[], from: string, to: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    for (const next of out.get(id) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
  }
  return false;
}
