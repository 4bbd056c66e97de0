"use client";

import { useShallow } from "zustand/react/shallow";
import { useEditor } from "./editor-context";

/** "Saving… / Saved / Couldn't save – retry", and the conflict with its way out. */
export function SaveStatus({ onRetry, onReload }: { onRetry: () => void; onReload: () => void }) {
  const { save, error, readOnly } = useEditor(
    useShallow((s) => ({ save: s.save, error: s.saveError, readOnly: s.readOnly })),
  );
  if (readOnly)
    return <span className="text-xs text-zinc-500 dark:text-zinc-400">Read only (viewer)</span>;
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-2 text-xs"
      data-testid="save-status"
    >
      {save === "saved" && <span className="text-zinc-500 dark:text-zinc-400">Saved</span>}
      {save === "dirty" && (
        <span className="text-zinc-500 dark:text-zinc-400">Unsaved changes</span>
      )}
      {save === "saving" && <span className="text-zinc-500 dark:text-zinc-400">Saving…</span>}
      {save === "error" && (
        <>
          <span className="text-red-700 dark:text-red-400" title={error ?? undefined}>
            Couldn’t save
          </span>
          <button
            type="button"
            onClick={onRetry}
            className="rounded font-medium text-indigo-600 underline outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400"
          >
            Retry
          </button>
        </>
      )}
      {save === "conflict" && (
        <>
          <span className="max-w-xs text-amber-700 dark:text-amber-400">
            Someone else changed this workflow; your latest edit is not saved.
          </span>
          <button
            type="button"
            onClick={onReload}
            className="rounded font-medium text-indigo-600 underline outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400"
          >
            Reload
          </button>
        </>
      )}
    </div>
  );
}
