"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useMemo, useState } from "react";
import { useEditor } from "./editor-context";
import { NODE_ICONS, PALETTE } from "./node-catalog";

export const PALETTE_MIME = "application/x-workflow-node";

/** The node types: click (or Enter) adds one at the centre of the view; drag drops it there. */
export function Palette({ onAdded }: { onAdded?: () => void }) {
  const [q, setQ] = useState("");
  const addNode = useEditor((s) => s.addNode);
  const flow = useReactFlow();
  const rf = useStoreApi();
  const items = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return PALETTE.filter(
      (p) =>
        !needle ||
        p.title.toLowerCase().includes(needle) ||
        p.type.includes(needle) ||
        p.description.toLowerCase().includes(needle),
    );
  }, [q]);

  function addAtCentre(type: string) {
    const rect = rf.getState().domNode?.getBoundingClientRect();
    const p = rect
      ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      : { x: 0, y: 0 };
    // Staggered a little, so several clicks do not stack nodes exactly on top of each other.
    const jitter = (rf.getState().nodes.length % 5) * 24;
    addNode(type, { x: Math.round(p.x - 110 + jitter), y: Math.round(p.y - 40 + jitter) });
    onAdded?.();
  }

  return (
    <section aria-label="Add a step" className="flex min-h-0 flex-col gap-2">
      <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400" htmlFor="palette-q">
        Add a step
      </label>
      <input
        id="palette-q"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Search steps"
        className="rounded-lg border border-zinc-300 bg-white px-2.5 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <ul className="flex min-h-0 flex-col gap-1 overflow-y-auto">
        {items.map((p) => (
          <li key={p.type}>
            <button
              type="button"
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, p.type);
                e.dataTransfer.effectAllowed = "copy";
              }}
              onClick={() => addAtCentre(p.type)}
              title={p.description}
              data-testid={`palette-${p.type}`}
              className="flex w-full cursor-grab items-center gap-2 rounded-lg border border-transparent px-2 py-1.5 text-left text-sm text-zinc-800 outline-none hover:border-zinc-200 hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-zinc-200 dark:hover:border-zinc-700 dark:hover:bg-zinc-800"
            >
              <span
                aria-hidden="true"
                className="flex size-6 shrink-0 items-center justify-center rounded bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300"
              >
                {NODE_ICONS[p.type]}
              </span>
              <span className="truncate">{p.title}</span>
            </button>
          </li>
        ))}
        {items.length === 0 && (
          <li className="px-2 py-1 text-sm text-zinc-500">No step matches “{q}”.</li>
        )}
      </ul>
    </section>
  );
}
