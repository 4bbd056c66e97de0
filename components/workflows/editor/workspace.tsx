"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useState } from "react";
import Canvas from "./canvas";
import { useEditor } from "./editor-context";
import { Palette } from "./palette";
import { SidePanel } from "./side-panel";

const SIDE = "border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900 overflow-y-auto";
// Below md a panel is a bottom sheet over the canvas, opened by the toggles.
const SHEET =
  "absolute inset-x-0 bottom-0 z-20 max-h-[60%] rounded-t-xl border-t shadow-xl md:static md:z-auto md:max-h-none md:rounded-none md:shadow-none";

/** Palette, canvas and side panel: the part that needs React Flow, loaded on the client only. */
export default function Workspace() {
  const readOnly = useEditor((s) => s.readOnly);
  const [sheet, setSheet] = useState<"palette" | "panel" | null>(null);
  const toggle = (p: "palette" | "panel") => setSheet((s) => (s === p ? null : p));
  return (
    <ReactFlowProvider>
      <div className="relative flex min-h-0 flex-1">
        {!readOnly && (
          <aside
            aria-label="Steps"
            className={`${SIDE} ${SHEET} md:block md:w-48 md:shrink-0 md:border-r ${sheet === "palette" ? "block" : "hidden"}`}
          >
            <SheetClose onClick={() => setSheet(null)} />
            <Palette onAdded={() => setSheet(null)} />
          </aside>
        )}
        <div className="relative min-w-0 flex-1" data-testid="canvas-area">
          <Canvas />
          <div className="absolute left-2 top-2 z-10 flex gap-2 md:hidden">
            {!readOnly && (
              <ToggleButton pressed={sheet === "palette"} onClick={() => toggle("palette")}>
                + Step
              </ToggleButton>
            )}
            <ToggleButton pressed={sheet === "panel"} onClick={() => toggle("panel")}>
              Details
            </ToggleButton>
          </div>
        </div>
        <aside
          aria-label="Details"
          className={`${SIDE} ${SHEET} md:block md:w-72 md:shrink-0 md:border-l ${sheet === "panel" ? "block" : "hidden"}`}
        >
          <SheetClose onClick={() => setSheet(null)} />
          <SidePanel />
        </aside>
      </div>
    </ReactFlowProvider>
  );
}

function SheetClose({ onClick }: { onClick: () => void }) {
  return (
    <div className="-mt-1 mb-2 flex justify-end md:hidden">
      <button
        type="button"
        onClick={onClick}
        className="rounded-lg px-2 py-1 text-sm text-zinc-600 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        Close
      </button>
    </div>
  );
}

function ToggleButton({
  pressed,
  onClick,
  children,
}: {
  pressed: boolean;
  onClick: () => void;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 aria-pressed:bg-indigo-600 aria-pressed:text-white dark:border-zinc-700 dark:bg-zinc-900"
    >
      {children}
    </button>
  );
}
