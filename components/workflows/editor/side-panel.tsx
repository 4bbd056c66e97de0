"use client";

import { useEditor } from "./editor-context";
import { NodeInspector } from "./node-inspector";
import { ProblemsList } from "./problems-list";

/** The right panel: the selected step, or (nothing or several selected) all problems. */
export function SidePanel() {
  const selected = useEditor((s) => (s.selectedIds.length === 1 ? s.selectedIds[0]! : null));
  const count = useEditor((s) => s.selectedIds.length);
  return (
    <div className="flex flex-col gap-4">
      {selected ? (
        <NodeInspector nodeId={selected} />
      ) : (
        <>
          {count > 1 && (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{count} steps selected.</p>
          )}
          <ProblemsList />
        </>
      )}
    </div>
  );
}
