import { addEdge, applyEdgeChanges, applyNodeChanges, type Connection } from "@xyflow/react";
import { createStore } from "zustand/vanilla";
import { NodeId, validateGraph } from "./engine";
import { copySelection, pasteClip } from "./clipboard";
import { connectionProblem } from "./connection";
import { flowToGraph, graphToFlow, type FlowEdge, type FlowNode, type RawGraph } from "./convert";
import { emptyHistory, record, redo, undo } from "./history";
import { autoLayout } from "./layout";
import { defaultConfig, uniqueId } from "./node-catalog";
import type { EditorActions, EditorState } from "./store-types";

export type { EditorActions, EditorState, SaveState } from "./store-types";

export type EditorStore = ReturnType<typeof createEditorStore>;

function validated(nodes: FlowNode[], edges: FlowEdge[]) {
  const issues = validateGraph(flowToGraph(nodes, edges)).issues;
  const issueCount: Record<string, number> = {};
  for (const i of issues) if (i.nodeId) issueCount[i.nodeId] = (issueCount[i.nodeId] ?? 0) + 1;
  return { issues, issueCount };
}

const selectedOf = (nodes: FlowNode[]) => nodes.filter((n) => n.selected).map((n) => n.id);
const sameIds = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export function edgeIdFor(c: Connection, edges: readonly FlowEdge[]): string {
  const base = `${c.source}-${c.sourceHandle ?? "out"}-${c.target}`;
  let id = base;
  for (let i = 2; edges.some((e) => e.id === id); i++) id = `${base}-${i}`;
  return id;
}

/** One editor's state; made per editor instance (never a module-level store: SSR-safe). */
export function createEditorStore(init: { graph: RawGraph; revision: number; readOnly: boolean }) {
  const flow = graphToFlow(init.graph);
  return createStore<EditorState & EditorActions>()((set, get) => {
    /** An edit that changes the graph: undo point, re-validation, save. */
    const edit = (nodes: FlowNode[], edges: FlowEdge[], recordUndo = true) => {
      const s = get();
      if (s.readOnly) return;
      set({
        nodes,
        edges,
        ...validated(nodes, edges),
        selectedIds: selectedOf(nodes),
        history: recordUndo ? record(s.history, { nodes: s.nodes, edges: s.edges }) : s.history,
        changeSeq: s.changeSeq + 1,
        save: "dirty",
      });
    };
    const restore = (r: ReturnType<typeof undo>) => {
      if (!r || get().readOnly) return;
      const { nodes, edges } = r.state;
      set((s) => ({
        nodes,
        edges,
        ...validated(nodes, edges),
        selectedIds: selectedOf(nodes),
        history: r.history,
        changeSeq: s.changeSeq + 1,
        save: "dirty",
      }));
    };
    const mapNode = (id: string, f: (n: FlowNode) => FlowNode) =>
      get().nodes.map((n) => (n.id === id ? f(n) : n));
    let dragging = false;

    return {
      nodes: flow.nodes,
      edges: flow.edges,
      readOnly: init.readOnly,
      ...validated(flow.nodes, flow.edges),
      runStatuses: {},
      selectedIds: [],
      history: emptyHistory(),
      clip: null,
      revision: init.revision,
      save: "saved",
      saveError: null,
      changeSeq: 0,
      notice: null,
      focus: null,

      onNodesChange(changes) {
        const s = get();
        const allowed = s.readOnly
          ? changes.filter((c) => c.type === "select" || c.type === "dimensions")
          : changes;
        if (!allowed.length) return;
        const nodes = applyNodeChanges(allowed, s.nodes);
        if (allowed.some((c) => c.type === "remove" || c.type === "add" || c.type === "replace"))
          return edit(
            nodes,
            allowed.some((c) => c.type === "remove")
              ? s.edges.filter(
                  (e) =>
                    nodes.some((n) => n.id === e.source) && nodes.some((n) => n.id === e.target),
                )
              : s.edges,
          );
        const moves = allowed.filter((c) => c.type === "position");
        if (moves.length) {
          // A drag is one undo step: the snapshot is taken when it starts (a keyboard nudge,
          // which is not a drag, is a step of its own).
          const wasDragging = dragging;
          dragging = moves.some((c) => c.dragging);
          set({
            nodes,
            history: wasDragging
              ? s.history
              : record(s.history, { nodes: s.nodes, edges: s.edges }),
            changeSeq: s.changeSeq + 1,
            save: "dirty",
          });
          return;
        }
        const selectedIds = selectedOf(nodes);
        set({ nodes, ...(sameIds(selectedIds, s.selectedIds) ? {} : { selectedIds }) });
      },
      onEdgesChange(changes) {
        const s = get();
        const allowed = s.readOnly ? changes.filter((c) => c.type === "select") : changes;
        if (!allowed.length) return;
        const edges = applyEdgeChanges(allowed, s.edges);
        if (allowed.some((c) => c.type !== "select")) edit(s.nodes, edges);
        else set({ edges });
      },
      checkConnection(c) {
        const { nodes, edges } = get();
        return connectionProblem(nodes, edges, c);
      },
      connect(c) {
        const s = get();
        if (s.readOnly) return false;
        const problem = connectionProblem(s.nodes, s.edges, c);
        if (problem) {
          get().notify(problem);
          return false;
        }
        const id = edgeIdFor(c, s.edges);
        const edges = addEdge({ ...c, id }, s.edges);
        // Entering a For each body from outside is refused on drop too (the engine's own rule;
        // too costly to check on every hover of a handle).
        const v = validated(s.nodes, edges);
        const boundary = v.issues.find((i) => i.code === "loop_boundary" && i.edgeId === id);
        if (boundary) {
          get().notify(boundary.message);
          return false;
        }
        edit(s.nodes, edges);
        return true;
      },
      addNode(type, position) {
        const s = get();
        const id = uniqueId(type, new Set(s.nodes.map((n) => n.id)));
        const node: FlowNode = {
          id,
          type: "step",
          position,
          selected: true,
          data: { id, type, config: defaultConfig(type) },
        };
        edit([...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], s.edges);
        return id;
      },
      updateConfig(nodeId, config) {
        edit(
          mapNode(nodeId, (n) => ({ ...n, data: { ...n.data, config } })),
          get().edges,
        );
      },
      setLabel(nodeId, label) {
        edit(
          mapNode(nodeId, (n) => ({ ...n, data: { ...n.data, label: label || undefined } })),
          get().edges,
        );
      },
      renameNode(nodeId, next) {
        const s = get();
        if (next === nodeId) return null;
        const parsed = NodeId.safeParse(next);
        if (!parsed.success) return `The id ${parsed.error.issues[0]!.message}.`;
        if (s.nodes.some((n) => n.id === next)) return `Another node already has the id "${next}".`;
        const nodes = mapNode(nodeId, (n) => ({ ...n, id: next, data: { ...n.data, id: next } }));
        const edges = s.edges.map((e) =>
          e.source === nodeId || e.target === nodeId
            ? {
                ...e,
                source: e.source === nodeId ? next : e.source,
                target: e.target === nodeId ? next : e.target,
              }
            : e,
        );
        edit(nodes, edges);
        return null;
      },
      deleteSelected() {
        const s = get();
        const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
        const edges = s.edges.filter(
          (e) => !e.selected && !gone.has(e.source) && !gone.has(e.target),
        );
        if (!gone.size && edges.length === s.edges.length) return;
        edit(
          s.nodes.filter((n) => !gone.has(n.id)),
          edges,
        );
      },
      selectAll() {
        const nodes = get().nodes.map((n) => (n.selected ? n : { ...n, selected: true }));
        set({ nodes, selectedIds: selectedOf(nodes) });
      },
      select(nodeId, focus = false) {
        const nodes = get().nodes.map((n) =>
          !!n.selected === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId },
        );
        set((s) => ({
          nodes,
          selectedIds: selectedOf(nodes),
          edges: s.edges.some((e) => e.selected)
            ? s.edges.map((e) => ({ ...e, selected: false }))
            : s.edges,
          ...(focus && nodeId ? { focus: { id: nodeId, seq: (s.focus?.seq ?? 0) + 1 } } : {}),
        }));
      },
      copy() {
        const clip = copySelection(get().nodes, get().edges);
        if (clip) set({ clip });
      },
      paste() {
        const s = get();
        if (!s.clip || s.readOnly) return;
        const pasted = pasteClip(
          s.clip,
          new Set(s.nodes.map((n) => n.id)),
          undefined,
          new Set(s.edges.map((e) => e.id)),
        );
        edit(
          [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted.nodes],
          [...s.edges, ...pasted.edges],
        );
        // The next paste lands further along instead of on top of this one.
        set({ clip: { nodes: pasted.nodes, edges: pasted.edges } });
      },
      duplicate() {
        const prev = get().clip;
        get().copy();
        get().paste();
        set({ clip: prev });
      },
      undo: () => restore(undo(get().history, { nodes: get().nodes, edges: get().edges })),
      redo: () => restore(redo(get().history, { nodes: get().nodes, edges: get().edges })),
      layout() {
        const { nodes, edges } = get();
        const placed = autoLayout({
          nodes: nodes.map((n) => ({
            id: n.id,
            width: n.measured?.width,
            height: n.measured?.height,
          })),
          edges,
        });
        edit(
          nodes.map((n) => ({ ...n, position: placed.get(n.id) ?? n.position })),
          edges,
        );
      },
      load(graph, revision) {
        const { nodes, edges } = graphToFlow(graph);
        set({
          nodes,
          edges,
          ...validated(nodes, edges),
          selectedIds: [],
          history: emptyHistory(),
          revision,
          save: "saved",
          saveError: null,
        });
      },
      setRunStatuses: (runStatuses) => set({ runStatuses }),
      setSave: (save, saveError = null, revision) =>
        set((s) => ({ save, saveError, revision: revision ?? s.revision })),
      notify: (text) => set((s) => ({ notice: { text, seq: (s.notice?.seq ?? 0) + 1 } })),
    };
  });
}
