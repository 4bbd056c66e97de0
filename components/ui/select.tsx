import type { ComponentProps } from "react";
import { controlClass, type ControlProps } from "./input";

/** A native <select> with the same look as Input; every native prop, ref and option passes through. */
export function Select({
  variant = "md",
  invalid,
  className,
  ...props
}: ComponentProps<"select"> & ControlProps) {
  return (
    <select
      {...props}
      aria-invalid={invalid ? true : props["aria-invalid"]}
      className={controlClass(variant, className)}
    />
  );
}
