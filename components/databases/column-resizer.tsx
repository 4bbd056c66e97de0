"use client";

import { useRef, type KeyboardEvent, type PointerEvent } from "react";
import { MAX_STEP, nearestStep, WIDTH_STEPS } from "./column-widths";

/**
 * The handle on a column header's right edge (the ARIA window-splitter pattern): drag it, or
 * focus it and use ←/→ (Home/End for the narrowest/widest). Widths snap to WIDTH_STEPS.
 */
export function ColumnResizer({
  name,
  step,
  onStep,
}: {
  name: string;
  step: number;
  onStep: (step: number) => void;
}) {
  const drag = useRef<{ x: number; px: number } | null>(null);
  const px = WIDTH_STEPS[step]!.px;
  const keys: Record<string, number> = {
    ArrowLeft: step - 1,
    ArrowRight: step + 1,
    Home: 0,
    End: MAX_STEP,
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const next = keys[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onStep(next);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, px };
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag.current) return;
    const next = nearestStep(drag.current.px + e.clientX - drag.current.x);
    if (next !== step) onStep(next);
  };
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={`Width of ${name}`}
      aria-valuemin={WIDTH_STEPS[0].px}
      aria-valuemax={WIDTH_STEPS[MAX_STEP]!.px}
      aria-valuenow={px}
      aria-valuetext={`${px} pixels`}
      title="Drag, or use ← →, to resize"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      className="absolute inset-y-1 right-0 w-1.5 cursor-col-resize touch-none rounded-full outline-none hover:bg-indigo-400/60 focus-visible:bg-indigo-500 active:bg-indigo-500"
    />
  );
}
