import type { FieldType } from "@/lib/databases/constants";

/*
 * Column widths come in steps, each a Tailwind class (styles stay in Tailwind, no inline widths):
 * a drag snaps to the nearest step, the keyboard moves one step. Widths are a view preference,
 * kept per database in localStorage.
 */
export const WIDTH_STEPS = [
  { px: 80, className: "w-20" },
  { px: 96, className: "w-24" },
  { px: 128, className: "w-32" },
  { px: 160, className: "w-40" },
  { px: 192, className: "w-48" },
  { px: 224, className: "w-56" },
  { px: 256, className: "w-64" },
  { px: 320, className: "w-80" },
  { px: 384, className: "w-96" },
  { px: 448, className: "w-[28rem]" },
  { px: 512, className: "w-[32rem]" },
] as const;
export const MAX_STEP = WIDTH_STEPS.length - 1;

const DEFAULT_PX: Record<FieldType, number> = {
  boolean: 128,
  number: 128,
  date: 160,
  select: 160,
  text: 224,
  json: 256,
};

export const clampStep = (step: number) =>
  Math.max(0, Math.min(MAX_STEP, Math.round(Number.isFinite(step) ? step : 0)));

/** The step whose width is nearest to `px` (a drag's end). */
export const nearestStep = (px: number) =>
  WIDTH_STEPS.reduce(
    (best, s, i) => (Math.abs(s.px - px) < Math.abs(WIDTH_STEPS[best]!.px - px) ? i : best),
    0,
  );

/** A column's step: the one chosen for it, else its type's default. */
export const stepOf = (widths: Record<string, number>, f: { id: string; type: FieldType }) =>
  widths[f.id] ?? nearestStep(DEFAULT_PX[f.type]);

export const widthsKey = (databaseId: string) => `aios.database-widths.${databaseId}`;

/** Stored widths, ignoring whatever is not a map of field id → step. */
export function readWidths(stored: string | null): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(stored ?? "{}");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed)
        .filter(([, v]) => typeof v === "number")
        .map(([k, v]) => [k, clampStep(v as number)]),
    );
  } catch {
    return {};
  }
}
