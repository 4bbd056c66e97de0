import { describe, expect, it } from "vitest";
import { createEditorStore } from "@/components/workflows/editor/store";

const graph = () => ({
  nodes: [
    { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { inputs: [] } },
    { id: "ask", type: "llm", position: { x: 300, y: 0 }, config: { prompt: "Hi" } },
    { id: "done", type: "output", position: { x: 600, y: 0 }, config: { expression: "ask.text" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "ask" },
    { id: "e2", source: "ask", target: "done" },
  ],
});
const make = (readOnly = false) => createEditorStore({ graph: graph(), revision: 3, readOnly });
const ids = (s: ReturnType<typeof make>) => s.getState().nodes.map((n) => n.id);

describe("workflow editor store", () => {
  it("loads a graph as React Flow nodes and validates it", () => {
    const s = make();
    expect(ids(s)).toEqual(["trigger", "ask", "done"]);
    expect(s.getState().nodes[1]!.data).toEqual({
      id: "ask",
      type: "llm",
      config: { prompt: "Hi" },
    });
    expect(s.getState().issues).toEqual([]);
    expect(s.getState().save).toBe("saved");
  });

  it("adds a node with a fresh valid id, re-validates, marks the draft dirty, and undo/redo it", () => {
    const s = make();
    const id = s.getState().addNode("llm", { x: 10, y: 20 });
    expect(id).toBe("llm");
    expect(s.getState().addNode("llm", { x: 0, y: 0 })).toBe("llm_2");
    expect(s.getState().save).toBe("dirty");
    // A new llm has no prompt yet: the node says so.
    expect(s.getState().issueCount.llm).toBe(1);
    expect(s.getState().issues.find((i) => i.nodeId === "llm")?.field).toBe("config.prompt");
    s.getState().undo();
    expect(ids(s)).toEqual(["trigger", "ask", "done", "llm"]);
    s.getState().undo();
    expect(ids(s)).toEqual(["trigger", "ask", "done"]);
    expect(s.getState().issues).toEqual([]);
    s.getState().redo();
    expect(ids(s)).toContain("llm");
  });

  it("coalesces a drag into one undo step", () => {
    const s = make();
    const move = (x: number, dragging: boolean) =>
      s
        .getState()
        .onNodesChange([{ type: "position", id: "ask", position: { x, y: 0 }, dragging }]);
    move(310, true);
    move(320, true);
    move(330, true);
    move(330, false);
    expect(s.getState().history.past).toHaveLength(1);
    s.getState().undo();
    expect(s.getState().nodes[1]!.position).toEqual({ x: 300, y: 0 });
  });

  it("refuses self loops, cycles and edges into the trigger, with the reason", () => {
    const s = make();
    const c = (source: string, target: string) =>
      s.getState().connect({ source, target, sourceHandle: null, targetHandle: null });
    expect(c("ask", "ask")).toBe(false);
    expect(s.getState().notice?.text).toMatch(/itself/);
    expect(c("done", "trigger")).toBe(false);
    expect(s.getState().notice?.text).toMatch(/trigger/);
    s.getState().addNode("transform", { x: 0, y: 0 });
    expect(c("ask", "transform")).toBe(true);
    expect(
      s.getState().checkConnection({
        source: "transform",
        target: "ask",
        sourceHandle: null,
        targetHandle: null,
      }),
    ).toMatch(/cycle/);
    expect(s.getState().edges).toHaveLength(3);
  });

  it("checks handle ids: a condition connects from true/false only", () => {
    const s = make();
    s.getState().addNode("condition", { x: 0, y: 0 });
    const check = (sourceHandle: string) =>
      s
        .getState()
        .checkConnection({ source: "condition", target: "done", sourceHandle, targetHandle: "in" });
    expect(check("true")).toBeNull();
    expect(check("nope")).toMatch(/no output "nope"/);
  });

  it("copy/paste and duplicate give new unique ids and keep inner edges", () => {
    const s = make();
    s.getState().selectAll();
    s.getState().copy();
    s.getState().paste();
    expect(ids(s)).toEqual(["trigger", "ask", "done", "trigger_2", "ask_2", "done_2"]);
    const pasted = s.getState().edges.filter((e) => e.source.endsWith("_2"));
    expect(pasted.map((e) => [e.source, e.target])).toEqual([
      ["trigger_2", "ask_2"],
      ["ask_2", "done_2"],
    ]);
    expect(s.getState().issues.some((i) => i.code === "multiple_triggers")).toBe(true);
    s.getState().select("ask");
    s.getState().duplicate();
    expect(ids(s)).toContain("ask_3");
  });

  it("a pasted edge never repeats an id already in the graph", () => {
    // fetch_2 → llm_2 kept the edge id it had before a rename; their copies are fetch and llm.
    const s = createEditorStore({
      graph: {
        nodes: [
          {
            id: "fetch_2",
            type: "transform",
            position: { x: 0, y: 0 },
            config: { expression: "1" },
          },
          { id: "llm_2", type: "output", position: { x: 300, y: 0 }, config: { expression: "2" } },
        ],
        edges: [{ id: "fetch-out-llm", source: "fetch_2", target: "llm_2" }],
      },
      revision: 1,
      readOnly: false,
    });
    s.getState().selectAll();
    s.getState().copy();
    s.getState().paste();
    const edgeIds = s.getState().edges.map((e) => e.id);
    expect(edgeIds).toHaveLength(2);
    expect(new Set(edgeIds).size).toBe(2);
  });

  it("renames a node and its edges; refuses reserved, invalid and taken ids", () => {
    const s = make();
    expect(s.getState().renameNode("ask", "input")).toMatch(/reserved/);
    expect(s.getState().renameNode("ask", "1x")).toMatch(/letter/);
    expect(s.getState().renameNode("ask", "done")).toMatch(/already/);
    expect(s.getState().renameNode("ask", "writer")).toBeNull();
    expect(s.getState().edges.map((e) => `${e.source}>${e.target}`)).toEqual([
      "trigger>writer",
      "writer>done",
    ]);
    // The output still reads `ask`, which no longer exists upstream.
    expect(s.getState().issues.map((i) => i.code)).toContain("unknown_variable");
  });

  it("deletes the selection with its edges; updates config and label", () => {
    const s = make();
    s.getState().updateConfig("ask", { prompt: "" });
    expect(s.getState().issues.map((i) => i.field)).toContain("config.prompt");
    s.getState().setLabel("ask", "Writer");
    expect(s.getState().nodes[1]!.data.label).toBe("Writer");
    s.getState().select("ask");
    s.getState().deleteSelected();
    expect(ids(s)).toEqual(["trigger", "done"]);
    expect(s.getState().edges).toEqual([]);
  });

  it("read-only: no edits, selection allowed", () => {
    const s = make(true);
    s.getState().addNode("llm", { x: 0, y: 0 });
    s.getState().onNodesChange([{ type: "remove", id: "ask" }]);
    s.getState().onNodesChange([{ type: "select", id: "ask", selected: true }]);
    expect(ids(s)).toEqual(["trigger", "ask", "done"]);
    expect(s.getState().selectedIds).toEqual(["ask"]);
    expect(
      s
        .getState()
        .connect({ source: "ask", target: "done", sourceHandle: null, targetHandle: null }),
    ).toBe(false);
    expect(s.getState().changeSeq).toBe(0);
  });

  it("load resets the history and the save state; run statuses are kept per node", () => {
    const s = make();
    s.getState().addNode("delay", { x: 0, y: 0 });
    s.getState().load(graph(), 9);
    expect(s.getState().history.past).toEqual([]);
    expect(s.getState().revision).toBe(9);
    expect(s.getState().save).toBe("saved");
    s.getState().setRunStatuses({ ask: "running" });
    expect(s.getState().runStatuses.ask).toBe("running");
  });
});

describe("workflow editor store: For each bodies", () => {
  it("refuses an edge into a For each body from outside it, with the engine's reason", () => {
    const s = createEditorStore({
      graph: {
        nodes: [
          { id: "t", type: "trigger", position: { x: 0, y: 0 }, config: { inputs: [] } },
          { id: "each", type: "iterate", position: { x: 1, y: 0 }, config: { items: "[1, 2]" } },
          {
            id: "body",
            type: "transform",
            position: { x: 2, y: 0 },
            config: { expression: "item" },
          },
        ],
        edges: [
          { id: "a", source: "t", target: "each" },
          { id: "b", source: "each", sourceHandle: "item", target: "body" },
        ],
      },
      revision: 1,
      readOnly: false,
    });
    const ok = s
      .getState()
      .connect({ source: "t", target: "body", sourceHandle: "out", targetHandle: "in" });
    expect(ok).toBe(false);
    expect(s.getState().notice?.text).toBeTruthy();
    expect(s.getState().edges).toHaveLength(2);
  });
});
