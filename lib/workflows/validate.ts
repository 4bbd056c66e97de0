import { WorkflowEdge, WorkflowNode, type WorkflowGraph } from "./graph";
import { definitionOf } from "./nodes";
import { buildTopology, type Topology } from "./topology";

/** One problem, placed for the canvas: on a node (and a config field), on an edge, or the graph. */
export interface GraphIssue {
  code:
    | "invalid_node"
    | "unknown_type"
    | "duplicate_id"
    | "invalid_edge"
    | "dangling_edge"
    | "handle_mismatch"
    | "no_trigger"
    | "multiple_triggers"
    | "cycle"
    | "unreachable"
    | "loop_boundary"
    | "invalid_config"
    | "unknown_variable";
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** A dotted path inside the node (e.g. "config.prompt"). */
  field?: string;
}

export interface GraphValidation {
  ok: boolean;
  issues: GraphIssue[];
  /** The nodes and edges that parsed (what the canvas can draw and the engine can plan). */
  graph: WorkflowGraph;
  topology: Topology;
}

const idOf = (raw: unknown): string | undefined =>
  raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string"
    ? (raw as { id: string }).id.slice(0, 64)
    : undefined;

function parseNodes(raw: unknown[], issues: GraphIssue[]) {
  const nodes: WorkflowNode[] = [];
  const seen = new Set<string>();
  raw.forEach((r, i) => {
    const nodeId = idOf(r);
    const type = (r as { type?: unknown } | null)?.type;
    if (typeof type === "string" && !definitionOf(type)) {
      issues.push({
        code: "unknown_type",
        nodeId,
        field: "type",
        message: `Unknown node type "${type.slice(0, 40)}".`,
      });
      return;
    }
    const p = WorkflowNode.safeParse(r);
    if (!p.success) {
      for (const issue of p.error.issues.slice(0, 20))
        issues.push({
          code: issue.path[0] === "config" ? "invalid_config" : "invalid_node",
          nodeId,
          field: issue.path.map(String).join(".") || undefined,
          message: nodeId ? issue.message : `Node ${i}: ${issue.message}`,
        });
      return;
    }
    if (seen.has(p.data.id)) {
      issues.push({
        code: "duplicate_id",
        nodeId: p.data.id,
        field: "id",
        message: `Two nodes have the id "${p.data.id}".`,
      });
      return;
    }
    seen.add(p.data.id);
    nodes.push(p.data);
  });
  return nodes;
}

function parseEdges(
  raw: unknown[],
  nodes: Map<string, WorkflowNode>,
  invalid: Set<string>,
  issues: GraphIssue[],
) {
  const edges: WorkflowEdge[] = [];
  const seen = new Set<string>();
  raw.forEach((r, i) => {
    const edgeId = idOf(r) ?? `#${i}`;
    const p = WorkflowEdge.safeParse(r);
    if (!p.success) {
      issues.push({ code: "invalid_edge", edgeId, message: p.error.issues[0]!.message });
      return;
    }
    const e = p.data;
    if (seen.has(e.id))
      return void issues.push({
        code: "duplicate_id",
        edgeId: e.id,
        message: `Two edges have the id "${e.id}".`,
      });
    seen.add(e.id);
    const source = nodes.get(e.source);
    const target = nodes.get(e.target);
    // An edge of a node that is there but invalid is not dangling: the node carries the issue.
    if (invalid.has(e.source) || invalid.has(e.target)) return;
    if (!source || !target)
      return void issues.push({
        code: "dangling_edge",
        edgeId: e.id,
        message: `The edge connects ${source ? "" : `a missing node "${e.source}"`}${!source && !target ? " and " : ""}${target ? "" : `a missing node "${e.target}"`}.`,
      });
    const outs = definitionOf(source.type)!.outputs(source.config as never);
    const ins = definitionOf(target.type)!.inputs;
    const handles = [
      ...outs.map((h) => h.id),
      ...(source.onError?.policy === "branch" ? ["error"] : []),
    ];
    const sourceHandle = e.sourceHandle ?? (handles.length === 1 ? handles[0] : undefined);
    if (!sourceHandle || !handles.includes(sourceHandle))
      return void issues.push({
        code: "handle_mismatch",
        edgeId: e.id,
        nodeId: source.id,
        message: handles.length
          ? `"${source.id}" has no output "${e.sourceHandle ?? ""}"; use one of ${handles.join(", ")}.`
          : `"${source.id}" (${source.type}) has no outputs.`,
      });
    if (!ins.some((h) => h.id === (e.targetHandle ?? "in")))
      return void issues.push({
        code: "handle_mismatch",
        edgeId: e.id,
        nodeId: target.id,
        message: ins.length
          ? `"${target.id}" has no input "${e.targetHandle}".`
          : `Nothing can lead into a trigger ("${target.id}").`,
      });
    if (e.source === e.target)
      return void issues.push({
        code: "cycle",
        edgeId: e.id,
        nodeId: e.source,
        message: "A node cannot lead into itself.",
      });
    edges.push({ ...e, sourceHandle });
  });
  return edges;
}

/**
 * Checks a graph for the canvas and for publishing: every problem with where it is. Pure and
 * bounded (the shape's limits — 500 nodes, 2,000 edges — are checked before this by the schema).
 */
export function validateGraph(raw: { nodes: unknown[]; edges: unknown[] }): GraphValidation {
  const issues: GraphIssue[] = [];
  const nodes = parseNodes(raw.nodes, issues);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const invalid = new Set(raw.nodes.map(idOf).filter((id): id is string => !!id && !byId.has(id)));
  const edges = parseEdges(raw.edges, byId, invalid, issues);
  const triggers = nodes.filter((n) => n.type === "trigger");
  if (triggers.length === 0)
    issues.push({
      code: "no_trigger",
      message: "A workflow needs a trigger node where runs start.",
    });
  for (const t of triggers.slice(1))
    issues.push({
      code: "multiple_triggers",
      nodeId: t.id,
      message: "A workflow has one trigger node.",
    });
  const graph = { nodes, edges };
  const topology = buildTopology(graph, triggers[0]?.id);
  for (const id of nodes.map((n) => n.id).filter((id) => topology.cycle.has(id)))
    issues.push({
      code: "cycle",
      nodeId: id,
      message: `"${id}" is part of a cycle; workflows run forward only (use For each to repeat).`,
    });
  if (triggers[0])
    for (const n of nodes)
      if (!topology.reachable.has(n.id) && !topology.cycle.has(n.id))
        issues.push({
          code: "unreachable",
          nodeId: n.id,
          message: `Nothing leads to "${n.id}" from the trigger, so it never runs.`,
        });
  for (const b of topology.boundaryEdges)
    issues.push({ code: "loop_boundary", edgeId: b.edgeId, message: b.message });
  if (topology.cycle.size === 0) checkConfigs(graph, topology, issues);
  return { ok: issues.length === 0, issues, graph, topology };
}

function checkConfigs(graph: WorkflowGraph, topology: Topology, issues: GraphIssue[]) {
  for (const n of graph.nodes) {
    // "continue" takes the node's one output; a branching node would silently take its first
    // (an approval that failed to render would approve itself): those use "branch".
    if (
      n.onError?.policy === "continue" &&
      definitionOf(n.type)!.outputs(n.config as never).length !== 1
    )
      issues.push({
        code: "invalid_config",
        nodeId: n.id,
        field: "onError.policy",
        message: `"continue" needs a node with one output; a ${n.type} node branches, so use "branch" and connect its error handle.`,
      });
    const vars = new Set(topology.ancestors.get(n.id) ?? []);
    if (topology.bodyOf.has(n.id)) {
      vars.add("item");
      vars.add("index");
    }
    for (const issue of definitionOf(n.type)!.validate(n.config as never, { vars }))
      issues.push({
        code: issue.message.includes("no upstream node produces")
          ? "unknown_variable"
          : "invalid_config",
        nodeId: n.id,
        field: `config.${issue.field}`,
        message: issue.message,
      });
  }
}
