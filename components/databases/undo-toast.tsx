"use client";

import { UNDO_MS } from "./use-database-grid";

/**
 * "Row 3 deleted. Undo" at the bottom of the window while a deletion can still be undone. The
 * live region is always there, so screen readers announce the message when it appears.
 */
export function UndoToast({
  rowNumber,
  onUndo,
  onDismiss,
}: {
  rowNumber: number | null;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  return (
    <div
      role="status"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4"
    >
      {rowNumber !== null && (
        <div
          data-testid="undo-delete"
          className="pointer-events-auto flex items-center gap-3 rounded-xl bg-zinc-900 py-2 pr-2 pl-4 text-sm text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900"
        >
          <span>
            Row {rowNumber} deleted.
            <span className="sr-only"> It can be undone for {UNDO_MS / 1000} seconds.</span>
          </span>
          <button
            type="button"
            id="undo-delete"
            onClick={onUndo}
            className="rounded-md px-2 py-1 font-semibold text-indigo-300 outline-none hover:bg-white/10 focus-visible:ring-2 focus-visible:ring-indigo-400 dark:text-indigo-700 dark:hover:bg-zinc-900/10"
          >
            Undo
          </button>
          <button
            type="button"
            aria-label="Delete now"
            title="Delete now"
            onClick={onDismiss}
            className="rounded-md px-2 py-1 text-zinc-400 outline-none hover:bg-white/10 hover:text-white focus-visible:ring-2 focus-visible:ring-indigo-400 dark:text-zinc-500 dark:hover:bg-zinc-900/10 dark:hover:text-zinc-900"
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
