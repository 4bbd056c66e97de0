"use client";

export interface PublishDialogProps {
  workflowId: string;
  /** Problems of the draft: publishing is refused while there are any. */
  issueCount: number;
  onPublished: (version: number) => void;
  onClose: () => void;
}

/** PLACEHOLDER (replaced by the publish dialog with a message). */
export function PublishDialog({ onClose }: PublishDialogProps) {
  return (
    <button type="button" onClick={onClose}>
      Close
    </button>
  );
}
