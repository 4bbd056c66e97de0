import type { ComponentProps } from "react";

/*
 * The one look of the app's text inputs and selects (Select shares it): light and dark, indigo
 * focus ring, red border when aria-invalid. Variants are the sizes the screens really use:
 * lg = standalone labelled fields and search boxes, md = inline forms and toolbars, sm = inside
 * table rows, xs = the chat composer's pickers, cell = the database grid's borderless cells.
 * Give widths and margins through className (appended); a size goes through the variant, because
 * two Tailwind classes for one property do not override each other by their order.
 */
const VARIANTS = {
  lg: "rounded-lg px-3 py-2 text-sm shadow-sm",
  md: "rounded-md px-2 py-1.5 text-sm",
  sm: "rounded-md px-2 py-1 text-sm",
  xs: "rounded-md px-2 py-1 text-xs",
  cell: "w-full min-w-24 rounded-md border-transparent bg-transparent px-2 py-1 text-sm hover:border-zinc-200 focus:border-indigo-400 focus:ring-indigo-500/30 dark:hover:border-zinc-700",
} as const;
const BOXED =
  "border-zinc-300 bg-white focus:ring-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900";

export type ControlVariant = keyof typeof VARIANTS;
export interface ControlProps {
  /** Size (and, for `cell`, look) of the control; `md` unless given. */
  variant?: ControlVariant;
  /** Marks the value as wrong (sets aria-invalid); an aria-invalid given directly works too. */
  invalid?: boolean;
}

export const controlClass = (variant: ControlVariant, className?: string) =>
  [
    "border outline-none transition focus:ring-2 aria-invalid:border-red-500",
    variant === "cell" ? "" : BOXED,
    VARIANTS[variant],
    className,
  ]
    .filter(Boolean)
    .join(" ");

/** A text-like <input> (text, email, number, date, search…); every native prop and ref passes through. */
export function Input({
  variant = "md",
  invalid,
  className,
  ...props
}: ComponentProps<"input"> & ControlProps) {
  return (
    <input
      {...props}
      aria-invalid={invalid ? true : props["aria-invalid"]}
      className={controlClass(variant, className)}
    />
  );
}

/** A checkbox in the app's accent colour; every native prop and ref passes through. */
export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      {...props}
      type="checkbox"
      className={className ? `size-4 accent-indigo-600 ${className}` : "size-4 accent-indigo-600"}
    />
  );
}
