"use client";

export interface RunPanelProps {
  workflowId: string;
  runId: string;
  /** Node id → label, for the step list. */
  labels: Record<string, string>;
  canRun: boolean;
  /** A step was clicked: the editor selects (and centres) its node. */
  onSelectNode: (nodeId: string) => void;
  /** A re-run or a new run started: the editor watches that one. */
  onWatch: (runId: string) => void;
  onClose: () => void;
}

/** PLACEHOLDER (replaced by the run panel): the run id. */
export function RunPanel({ runId, onClose }: RunPanelProps) {
  return (
    <div>
      Run {runId}{" "}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
