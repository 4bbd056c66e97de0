"use client";

export interface VersionsPanelProps {
  workflowId: string;
  canEdit: boolean;
  /** A version was restored into the draft: the editor reloads the draft. */
  onRestored: () => void;
  onClose: () => void;
}

/** PLACEHOLDER (replaced by the version history with diff and restore). */
export function VersionsPanel({ onClose }: VersionsPanelProps) {
  return (
    <button type="button" onClick={onClose}>
      Close
    </button>
  );
}
