import { describe, expect, it } from "vitest";
import { flowToGraph, graphToFlow } from "@/components/workflows/editor/convert";
import { autoLayout } from "@/components/workflows/editor/layout";
import { uniqueId } from "@/components/workflows/editor/node-catalog";
import { upstreamVars } from "@/components/workflows/editor/upstream";

describe("auto-layout (dagre, left to right)", () => {
  it("places a chain left to right and branches apart, deterministically", () => {
    const input = {
      nodes: ["a", "b", "c", "d"].map((id) => ({ id })),
      edges: [
        { source: "a", target: "b" },
        { source: "a", target: "c" },
        { source: "b", target: "d" },
      ],
    };
    const p = autoLayout(input);
    expect(p.get("b")!.x).toBeGreaterThan(p.get("a")!.x);
    expect(p.get("d")!.x).toBeGreaterThan(p.get("b")!.x);
    expect(p.get("b")!.x).toBe(p.get("c")!.x);
    expect(p.get("b")!.y).not.toBe(p.get("c")!.y);
    expect(autoLayout(input)).toEqual(p);
  });
});

describe("graph ↔ canvas", () => {
  it("round-trips a graph, keeping retries/timeouts and handles; lays out nodes without position", () => {
    const graph = {
      nodes: [
        { id: "t", type: "trigger", position: { x: 5, y: 6 }, config: { inputs: [] } },
        {
          id: "c",
          type: "condition",
          label: "Big?",
          timeoutMs: 500,
          config: { expression: "true" },
        },
      ],
      edges: [{ id: "e", source: "t", target: "c", targetHandle: "in" }],
    };
    const { nodes, edges } = graphToFlow(graph);
    expect(nodes[0]!.position).toEqual({ x: 5, y: 6 });
    expect(Number.isFinite(nodes[1]!.position.x)).toBe(true);
    const back = flowToGraph(nodes, edges);
    expect(back.nodes[1]).toMatchObject({ id: "c", label: "Big?", timeoutMs: 500 });
    expect(back.edges).toEqual([{ id: "e", source: "t", target: "c", targetHandle: "in" }]);
  });
});

describe("ids and upstream variables", () => {
  it("makes valid, unique identifiers", () => {
    expect(uniqueId("llm", new Set())).toBe("llm");
    expect(uniqueId("llm", new Set(["llm", "llm_2"]))).toBe("llm_3");
    expect(uniqueId("llm_2", new Set(["llm_2", "llm"]))).toBe("llm_3");
    expect(uniqueId("2go", new Set())).toBe("n_2go");
    expect(uniqueId("input", new Set())).toBe("input_node");
  });

  it("lists ancestors, and item/index inside a For each body", () => {
    const { nodes, edges } = graphToFlow({
      nodes: [
        { id: "t", type: "trigger", config: { inputs: [] } },
        { id: "each", type: "iterate", config: { items: "t.list" } },
        { id: "body", type: "transform", config: { expression: "item" } },
        { id: "other", type: "output", config: { expression: "1" } },
      ],
      edges: [
        { id: "1", source: "t", target: "each" },
        { id: "2", source: "each", sourceHandle: "item", target: "body" },
      ],
    });
    expect(upstreamVars(nodes, edges, "body").map((v) => v.name)).toEqual([
      "each",
      "t",
      "item",
      "index",
    ]);
    expect(upstreamVars(nodes, edges, "other")).toEqual([]);
  });
});
