"use client";

export interface StartRunDialogProps {
  workflowId: string;
  /** The trigger node's config (its `inputs` describe the form). */
  triggerConfig: Record<string, unknown> | null;
  /** Whether there is a published version; without one only the draft can be tested. */
  published: boolean;
  onStarted: (runId: string) => void;
  onClose: () => void;
}

/** PLACEHOLDER (replaced by the run form from the trigger's input schema). */
export function StartRunDialog({ onClose }: StartRunDialogProps) {
  return (
    <button type="button" onClick={onClose}>
      Close
    </button>
  );
}
