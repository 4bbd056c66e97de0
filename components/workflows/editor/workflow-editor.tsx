"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { api } from "@/components/lib/api";
import { RunPanel } from "../runs/run-panel";
import { StartRunDialog } from "../runs/start-run-dialog";
import { useRunEvents } from "../runs/use-run-events";
import type { ProjectRole, WorkflowView } from "../types";
import { PublishDialog } from "../versions/publish-dialog";
import { VersionsPanel } from "../versions/versions-panel";
import { EditorFrame } from "./editor-frame";
import { EditorProvider, useEditor, useEditorStoreApi } from "./editor-context";
import { EditorToolbar } from "./editor-toolbar";
import { SaveStatus } from "./save-status";
import { useAutosave } from "./use-autosave";
import { useShortcuts } from "./use-shortcuts";
import { WorkspaceSkeleton } from "./workspace-skeleton";

// React Flow is heavy and client-only: the header renders at once, the canvas when it arrives.
const Workspace = dynamic(() => import("./workspace"), {
  ssr: false,
  loading: () => <WorkspaceSkeleton />,
});

const RANK: Record<ProjectRole, number> = { viewer: 0, editor: 1, owner: 2 };

export interface WorkflowEditorProps {
  workflow: WorkflowView;
  role: ProjectRole;
  projectName: string;
}

export function WorkflowEditor(props: WorkflowEditorProps) {
  return (
    <EditorProvider
      init={{
        graph: props.workflow.draft,
        revision: props.workflow.revision,
        readOnly: props.role === "viewer",
      }}
    >
      <EditorShell {...props} />
    </EditorProvider>
  );
}

type Dialog = "run" | "publish" | "history" | null;

function EditorShell({ workflow, role, projectName }: WorkflowEditorProps) {
  const store = useEditorStoreApi();
  const saveNow = useAutosave(store, workflow.id);
  useShortcuts(store);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [published, setPublished] = useState(workflow.publishedVersion);
  const issueCount = useEditor((s) => s.issues.length);
  const canEdit = RANK[role] >= RANK.editor;
  const canRun = RANK[role] >= RANK[workflow.runRole];

  const revision = useEditor((s) => s.revision);
  const saved = useEditor((s) => s.save === "saved");
  // One stream per watched run, shared by the canvas (node statuses) and the run panel.
  const nodeIds = useEditor(useShallow((s) => s.nodes.map((n) => n.id)));
  const watch = useRunEvents(runId, nodeIds);
  const { statuses } = watch;
  useEffect(() => store.getState().setRunStatuses(runId ? statuses : {}), [store, statuses, runId]);

  async function reloadDraft() {
    const { workflow: w } = await api<{ workflow: WorkflowView }>(`/api/workflows/${workflow.id}`);
    store.getState().load(w.draft, w.revision);
    setPublished(w.publishedVersion);
  }
  const labels = () =>
    Object.fromEntries(store.getState().nodes.map((n) => [n.id, n.data.label || n.id]));
  const triggerConfig = () =>
    store.getState().nodes.find((n) => n.data.type === "trigger")?.data.config ?? null;

  return (
    <EditorFrame
      projectId={workflow.projectId}
      name={workflow.name}
      projectName={projectName}
      status={<SaveStatus onRetry={() => void saveNow()} onReload={() => void reloadDraft()} />}
      actions={
        <EditorToolbar
          canEdit={canEdit}
          canRun={canRun}
          published={published}
          onOpen={(d) => {
            // Publishing takes the saved draft: what is on the canvas is saved first.
            if (d === "publish") void saveNow();
            setDialog(d);
          }}
        />
      }
    >
      <Workspace />
      {runId && (
        <div
          data-own-keys
          className="max-h-[40%] overflow-y-auto border-t border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <RunPanel
            workflowId={workflow.id}
            runId={runId}
            labels={labels()}
            canRun={canRun}
            watch={watch}
            role={role}
            onSelectNode={(id) => store.getState().select(id, true)}
            onWatch={setRunId}
            onClose={() => setRunId(null)}
          />
        </div>
      )}
      {dialog === "run" && (
        <StartRunDialog
          workflowId={workflow.id}
          triggerConfig={triggerConfig()}
          published={published != null}
          onStarted={(id) => {
            setDialog(null);
            setRunId(id);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "publish" && (
        <PublishDialog
          workflowId={workflow.id}
          issueCount={issueCount}
          revision={revision}
          saved={saved}
          onPublished={(v) => {
            setPublished(v);
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "history" && (
        <div data-own-keys className="contents">
          <VersionsPanel
            workflowId={workflow.id}
            canEdit={canEdit}
            onRestored={() => void reloadDraft()}
            onClose={() => setDialog(null)}
          />
        </div>
      )}
    </EditorFrame>
  );
}
