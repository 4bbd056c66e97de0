"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type FinalConnectionState,
  type NodeTypes,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useCallback, useEffect, useRef, type DragEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import type { FlowNode } from "./convert";
import { useEditor } from "./editor-context";
import { NODE_WIDTH } from "./layout";
import { PALETTE_MIME } from "./palette";
import { StepNode } from "./step-node";
import { ConnectionNotice } from "./connection-notice";

// Module-level: a new object per render would remount every node.
const NODE_TYPES: NodeTypes = { step: StepNode };
const FIT = { padding: 0.1, maxZoom: 1.1, minZoom: 0.4 };

/** The React Flow canvas, bound to the editor store (loaded with next/dynamic, client only). */
export default function Canvas() {
  const { nodes, edges, readOnly, onNodesChange, onEdgesChange, connect } = useEditor(
    useShallow((s) => ({
      nodes: s.nodes,
      edges: s.edges,
      readOnly: s.readOnly,
      onNodesChange: s.onNodesChange,
      onEdgesChange: s.onEdgesChange,
      connect: s.connect,
    })),
  );
  const { checkConnection, addNode, notify, layout, focus } = useEditor(
    useShallow((s) => ({
      checkConnection: s.checkConnection,
      addNode: s.addNode,
      notify: s.notify,
      layout: s.layout,
      focus: s.focus,
    })),
  );
  const flow = useReactFlow<FlowNode>();

  useEffect(() => {
    if (focus) void flow.fitView({ nodes: [{ id: focus.id }], duration: 300, maxZoom: 1.2 });
  }, [focus, flow]);

  // A graph too wide to read when fitted whole (big, or a phone) starts at its beginning: the
  // leftmost steps that fit at a readable zoom.
  const wrapper = useRef<HTMLDivElement>(null);
  const onInit = useCallback((rf: ReactFlowInstance<FlowNode>) => {
    const all = rf.getNodes();
    const width = wrapper.current?.clientWidth ?? 1000;
    const minX = Math.min(...all.map((n) => n.position.x));
    const span = width / 0.45 - NODE_WIDTH;
    const first = all.filter((n) => n.position.x <= minX + span);
    void rf.fitView(first.length < all.length ? { ...FIT, nodes: first } : FIT);
  }, []);

  const isValidConnection = useCallback(
    (c: Parameters<typeof checkConnection>[0]) => checkConnection(c) === null,
    [checkConnection],
  );

  // A refused drop says why (React Flow only reports that it was not valid).
  const onConnectEnd = useCallback(
    (_: unknown, st: FinalConnectionState) => {
      if (st.isValid !== false || !st.toHandle || !st.fromHandle) return;
      const fromTarget = st.fromHandle.type === "target";
      if (st.toHandle.type === st.fromHandle.type)
        return notify("Connect an output (right side) to an input (left side).");
      const problem = checkConnection({
        source: fromTarget ? st.toHandle.nodeId : st.fromHandle.nodeId,
        sourceHandle: fromTarget ? (st.toHandle.id ?? null) : (st.fromHandle.id ?? null),
        target: fromTarget ? st.fromHandle.nodeId : st.toHandle.nodeId,
        targetHandle: fromTarget ? (st.fromHandle.id ?? null) : (st.toHandle.id ?? null),
      });
      if (problem) notify(problem);
    },
    [checkConnection, notify],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME);
      if (!type || readOnly) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addNode(type, { x: Math.round(p.x - 110), y: Math.round(p.y - 30) });
    },
    [flow, addNode, readOnly],
  );

  return (
    <div ref={wrapper} className="relative size-full" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode={readOnly ? null : "Shift"}
        multiSelectionKeyCode={["Meta", "Control"]}
        onlyRenderVisibleElements={nodes.length > 150}
        colorMode="system"
        onInit={onInit}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        aria-label="Workflow canvas"
      >
        <Background gap={16} />
        <MiniMap pannable zoomable className="!hidden sm:!block" ariaLabel="Mini map" />
        <Controls showInteractive={false} fitViewOptions={FIT}>
          {!readOnly && (
            <ControlButton onClick={layout} title="Auto-layout" aria-label="Auto-layout">
              <span aria-hidden="true">⇶</span>
            </ControlButton>
          )}
        </Controls>
      </ReactFlow>
      <ConnectionNotice />
    </div>
  );
}
