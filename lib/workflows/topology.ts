import type { WorkflowEdge, WorkflowGraph } from "./graph";

/**
 * The structure of a graph, computed once: order, reachability, the variables in scope of each
 * node (its ancestors), and the bodies of For each nodes. Pure; used by validation and the engine.
 */
export interface Topology {
  /** Topological order of the nodes outside cycles. */
  order: string[];
  /** Nodes on a cycle (strongly connected components of more than one node). */
  cycle: Set<string>;
  /** Nodes reachable from the trigger. */
  reachable: Set<string>;
  /** Each node's ancestors: the outputs it may read. */
  ancestors: Map<string, Set<string>>;
  incoming: Map<string, WorkflowEdge[]>;
  outgoing: Map<string, WorkflowEdge[]>;
  /** The nearest For each whose body a node is in. */
  bodyOf: Map<string, string>;
  /** Edges that enter a For each body other than through its "Each item" handle. */
  boundaryEdges: { edgeId: string; message: string }[];
}

function strongComponents(ids: string[], outgoing: Map<string, WorkflowEdge[]>): Set<string> {
  // Tarjan, iterative (a 500-node chain must not depend on the stack depth).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const inCycle = new Set<string>();
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; i: number }[] = [{ id: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work.at(-1)!;
      const out = outgoing.get(frame.id) ?? [];
      if (frame.i < out.length) {
        const next = out[frame.i++]!.target;
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ id: next, i: 0 });
        } else if (onStack.has(next))
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        if (component.length > 1) for (const c of component) inCycle.add(c);
      }
    }
  }
  return inCycle;
}

function reachableFrom(starts: string[], outgoing: Map<string, WorkflowEdge[]>): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  while (queue.length)
    for (const e of outgoing.get(queue.pop()!) ?? [])
      if (!seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
  return seen;
}

export function buildTopology(graph: WorkflowGraph, triggerId: string | undefined): Topology {
  const ids = graph.nodes.map((n) => n.id);
  const incoming = new Map<string, WorkflowEdge[]>(ids.map((id) => [id, []]));
  const outgoing = new Map<string, WorkflowEdge[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) {
    outgoing.get(e.source)?.push(e);
    incoming.get(e.target)?.push(e);
  }
  const cycle = strongComponents(ids, outgoing);
  // Kahn's order over the acyclic part.
  const indegree = new Map(ids.map((id) => [id, incoming.get(id)!.length]));
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of outgoing.get(id)!) {
      const d = indegree.get(e.target)! - 1;
      indegree.set(e.target, d);
      if (d === 0) ready.push(e.target);
    }
  }
  const ancestors = new Map<string, Set<string>>();
  for (const id of order) {
    const a = new Set<string>();
    for (const e of incoming.get(id)!) {
      a.add(e.source);
      for (const x of ancestors.get(e.source) ?? []) a.add(x);
    }
    ancestors.set(id, a);
  }
  const { bodyOf, boundaryEdges } = loopBodies(graph, incoming, outgoing);
  return {
    order,
    cycle,
    reachable: triggerId ? reachableFrom([triggerId], outgoing) : new Set(),
    ancestors,
    incoming,
    outgoing,
    bodyOf,
    boundaryEdges,
  };
}

function loopBodies(
  graph: WorkflowGraph,
  incoming: Map<string, WorkflowEdge[]>,
  outgoing: Map<string, WorkflowEdge[]>,
) {
  const bodies = new Map<string, Set<string>>();
  for (const n of graph.nodes) {
    if (n.type !== "iterate") continue;
    const starts = outgoing
      .get(n.id)!
      .filter((e) => e.sourceHandle === "item")
      .map((e) => e.target);
    const body = reachableFrom(starts, outgoing);
    body.delete(n.id);
    bodies.set(n.id, body);
  }
  const bodyOf = new Map<string, string>();
  const boundaryEdges: { edgeId: string; message: string }[] = [];
  for (const [loop, body] of bodies) {
    for (const id of body) {
      const current = bodyOf.get(id);
      if (!current || bodies.get(current)!.size > body.size) bodyOf.set(id, loop);
      for (const e of incoming.get(id)!) {
        const fromInside = body.has(e.source) || (e.source === loop && e.sourceHandle === "item");
        if (!fromInside && !boundaryEdges.some((b) => b.edgeId === e.id))
          boundaryEdges.push({
            edgeId: e.id,
            message: `"${e.source}" is outside the For each body of "${loop}" but leads into "${id}" inside it; continue after a loop from its Done handle.`,
          });
      }
    }
  }
  return { bodyOf, boundaryEdges };
}
