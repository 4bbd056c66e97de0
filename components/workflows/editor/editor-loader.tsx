"use client";

import dynamic from "next/dynamic";
import { createContext, useContext } from "react";
import { EditorFrame } from "./editor-frame";
import type { WorkflowEditorProps } from "./workflow-editor";
import { WorkspaceSkeleton } from "./workspace-skeleton";

// The editor (its store, the engine's schemas for validation, React Flow, dagre) is one chunk
// loaded after the page's shell: the page's first load stays small, and the header with a
// skeleton shows at once. `loading` gets no props, so the frame reads them from context.
const Frame = createContext<WorkflowEditorProps | null>(null);

function Loading() {
  const p = useContext(Frame);
  if (!p) return <WorkspaceSkeleton />;
  return (
    <EditorFrame
      projectId={p.workflow.projectId}
      name={p.workflow.name}
      projectName={p.projectName}
    >
      <WorkspaceSkeleton />
    </EditorFrame>
  );
}

const WorkflowEditor = dynamic(() => import("./workflow-editor").then((m) => m.WorkflowEditor), {
  ssr: false,
  loading: Loading,
});

export function EditorLoader(props: WorkflowEditorProps) {
  return (
    <Frame.Provider value={props}>
      <WorkflowEditor {...props} />
    </Frame.Provider>
  );
}
