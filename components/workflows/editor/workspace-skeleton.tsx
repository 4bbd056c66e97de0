/** What the workspace looks like while React Flow loads (same columns, so nothing jumps). */
export function WorkspaceSkeleton() {
  return (
    <div className="flex min-h-0 flex-1" aria-busy="true" aria-label="Loading the canvas">
      <div className="hidden w-48 shrink-0 animate-pulse border-r border-zinc-200 bg-zinc-50 md:block dark:border-zinc-800 dark:bg-zinc-900" />
      <div className="flex flex-1 items-center justify-center bg-zinc-50 text-sm text-zinc-500 dark:bg-zinc-950">
        Loading the canvas…
      </div>
      <div className="hidden w-72 shrink-0 animate-pulse border-l border-zinc-200 bg-zinc-50 md:block dark:border-zinc-800 dark:bg-zinc-900" />
    </div>
  );
}
