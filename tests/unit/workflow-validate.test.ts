import { describe, expect, test } from "vitest";
import { WorkflowGraph } from "@/lib/workflows/graph";
import { validateGraph, type GraphIssue } from "@/lib/workflows/validate";

const trigger = { id: "trigger", type: "trigger", config: {} };
const node = (id: string, type: string, config: Record<string, unknown>) => ({ id, type, config });
const edge = (
  source: string,
  target: string,
  sourceHandle?: string,
  id = `${source}-${target}`,
) => ({
  id,
  source,
  target,
  ...(sourceHandle && { sourceHandle }),
});
const issues = (graph: { nodes: unknown[]; edges: unknown[] }) =>
  validateGraph(graph).issues.map((i: GraphIssue) => [
    i.code,
    i.nodeId ?? i.edgeId ?? "",
    i.field ?? "",
  ]);

describe("graph validation, placed per node and edge", () => {
  test("a valid graph has no issues", () => {
    const v = validateGraph({
      nodes: [
        trigger,
        node("fetch", "http", { url: "https://example.com/{{ trigger.q }}" }),
        node("out", "output", { expression: "fetch.status" }),
      ],
      edges: [edge("trigger", "fetch"), edge("fetch", "out")],
    });
    expect(v.issues).toEqual([]);
    expect(v.ok).toBe(true);
  });

  test.each([
    [
      "unknown node type",
      { nodes: [trigger, node("x", "shell", {})], edges: [] },
      [["unknown_type", "x", "type"]],
    ],
    [
      "a config field of the wrong type, named by its path",
      { nodes: [trigger, node("x", "http", { url: 5 })], edges: [edge("trigger", "x")] },
      [["invalid_config", "x", "config.url"]],
    ],
    [
      "an edge to a node that does not exist",
      { nodes: [trigger], edges: [edge("trigger", "ghost")] },
      [["dangling_edge", "trigger-ghost", ""]],
    ],
    [
      "an output handle the node does not have",
      {
        nodes: [
          trigger,
          node("c", "condition", { expression: "true" }),
          node("o", "output", { expression: "1" }),
        ],
        edges: [edge("trigger", "c"), edge("c", "o", "maybe")],
      },
      [
        ["handle_mismatch", "c", ""],
        ["unreachable", "o", ""],
      ],
    ],
    [
      "an edge into a trigger",
      {
        nodes: [trigger, node("t", "transform", { expression: "1" })],
        edges: [edge("trigger", "t"), edge("t", "trigger")],
      },
      [["handle_mismatch", "trigger", ""]],
    ],
    [
      "a cycle",
      {
        nodes: [
          trigger,
          node("a", "transform", { expression: "1" }),
          node("b", "transform", { expression: "2" }),
        ],
        edges: [edge("trigger", "a"), edge("a", "b"), edge("b", "a")],
      },
      [
        ["cycle", "a", ""],
        ["cycle", "b", ""],
      ],
    ],
    [
      "a node nothing leads to",
      { nodes: [trigger, node("lonely", "transform", { expression: "1" })], edges: [] },
      [["unreachable", "lonely", ""]],
    ],
    [
      "a variable no upstream node produces",
      {
        nodes: [
          trigger,
          node("a", "transform", { expression: "b.x" }),
          node("b", "transform", { expression: "1" }),
        ],
        edges: [edge("trigger", "a"), edge("trigger", "b")],
      },
      [["unknown_variable", "a", "config.expression"]],
    ],
    [
      "an expression that does not parse",
      {
        nodes: [trigger, node("a", "condition", { expression: "trigger.x >" })],
        edges: [edge("trigger", "a")],
      },
      [["invalid_config", "a", "config.expression"]],
    ],
    [
      "an expression reaching for JavaScript",
      {
        nodes: [
          trigger,
          node("a", "transform", { expression: '"".constructor.constructor("return process")()' }),
        ],
        edges: [edge("trigger", "a")],
      },
      [["invalid_config", "a", "config.expression"]],
    ],
    [
      "a template variable outside the scope (item outside a loop)",
      {
        nodes: [trigger, node("a", "llm", { prompt: "Hi {{ item.name }}" })],
        edges: [edge("trigger", "a")],
      },
      [["unknown_variable", "a", "config.prompt"]],
    ],
    [
      "no trigger",
      { nodes: [node("x", "transform", { expression: "1" })], edges: [] },
      [["no_trigger", "", ""]],
    ],
    [
      "two triggers",
      { nodes: [trigger, { ...trigger, id: "second" }], edges: [] },
      [
        ["multiple_triggers", "second", ""],
        ["unreachable", "second", ""],
      ],
    ],
    [
      "an edge entering a For each body from outside",
      {
        nodes: [
          trigger,
          node("each", "iterate", { items: "[1, 2]" }),
          node("body", "transform", { expression: "item" }),
          node("side", "transform", { expression: "1" }),
        ],
        edges: [
          edge("trigger", "each"),
          edge("each", "body", "item"),
          edge("trigger", "side"),
          edge("side", "body"),
        ],
      },
      [["loop_boundary", "side-body", ""]],
    ],
    [
      "a node id that is a reserved word",
      { nodes: [trigger, node("item", "transform", { expression: "1" })], edges: [] },
      [["invalid_node", "item", "id"]],
    ],
  ])("%s", (_name, graph, expected) => {
    expect(issues(graph)).toEqual(expected);
  });

  test("item and index are in scope inside a For each body", () => {
    const v = validateGraph({
      nodes: [
        trigger,
        node("each", "iterate", { items: "[1, 2]" }),
        node("body", "transform", { expression: "item * index" }),
      ],
      edges: [edge("trigger", "each"), edge("each", "body", "item")],
    });
    expect(v.issues).toEqual([]);
  });

  test("the size limits are the schema's: 501 nodes or 2,001 edges are refused with the field", () => {
    const nodes = Array.from({ length: 501 }, (_, i) =>
      node(`n${i}`, "transform", { expression: "1" }),
    );
    const r = WorkflowGraph.safeParse({ nodes, edges: [] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["nodes"], message: "at most 500 nodes" });
    const e = WorkflowGraph.safeParse({
      nodes: [],
      edges: Array.from({ length: 2001 }, (_, i) => edge("a", "b", undefined, `e${i}`)),
    });
    expect(e.error!.issues[0]).toMatchObject({ path: ["edges"], message: "at most 2000 edges" });
  });

  test("a 500-node graph validates (each node's scope from its ancestors)", () => {
    const nodes = [
      trigger,
      ...Array.from({ length: 499 }, (_, i) =>
        node(`n${i}`, "transform", { expression: i ? `n${i - 1} + 1` : "1" }),
      ),
    ];
    const edges = nodes.slice(1).map((n, i) => edge(i ? `n${i - 1}` : "trigger", n.id));
    expect(validateGraph({ nodes, edges }).issues).toEqual([]);
  });
});
