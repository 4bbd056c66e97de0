"use client";

import { Button } from "@/components/ui/button";
import { useEditor } from "./editor-context";

/** Undo/redo and the workflow's actions; what a role may not do is not offered. */
export function EditorToolbar({
  canEdit,
  canRun,
  published,
  onOpen,
}: {
  canEdit: boolean;
  canRun: boolean;
  published: number | null;
  onOpen: (d: "run" | "publish" | "history") => void;
}) {
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Workflow">
      {canEdit && (
        <>
          <Button
            variant="secondary"
            size="sm"
            onClick={undo}
            disabled={!canUndo}
            title="Undo (Ctrl+Z)"
          >
            Undo
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={redo}
            disabled={!canRedo}
            title="Redo (Shift+Ctrl+Z)"
          >
            Redo
          </Button>
        </>
      )}
      <Button variant="secondary" size="sm" onClick={() => onOpen("history")}>
        History{published != null ? ` (v${published})` : ""}
      </Button>
      {canEdit && (
        <Button variant="secondary" size="sm" onClick={() => onOpen("publish")}>
          Publish
        </Button>
      )}
      {canRun && (
        <Button size="sm" onClick={() => onOpen("run")}>
          Run
        </Button>
      )}
    </div>
  );
}
