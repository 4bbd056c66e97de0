import type { ComponentProps, ReactNode } from "react";
import { Input, type ControlVariant } from "./input";
import { Select } from "./select";

/*
 * Labelled form controls with their hint or error right below, tied to the control by
 * aria-describedby and aria-invalid, the error announced (role="alert"). Word errors with
 * components/lib/field-errors.ts ("Name is required.") and put the fields in a <Form> (no native
 * bubbles), so every form of the app reports problems the same way.
 */

interface FieldProps {
  label: ReactNode;
  name: string;
  error?: string | null;
  hint?: ReactNode;
  /** The control's id; `field-<name>` unless given (give one when a page has two such names). */
  id?: string;
  /** Control size (lg unless given); `dense` also uses the small label of inline forms. */
  variant?: ControlVariant;
  dense?: boolean;
  /** Classes of the wrapper (e.g. a width or grid span). */
  wrapperClassName?: string;
}

const LABEL = "block font-medium text-zinc-800 dark:text-zinc-200";
const labelClass = (dense?: boolean) => `${LABEL} ${dense ? "text-xs" : "text-sm"}`;

/** aria-describedby for a control with this id: its error, else its hint. */
export const describedBy = (id: string, error?: string | null, hint?: ReactNode, also?: string) =>
  [error ? `${id}-error` : hint ? `${id}-hint` : null, also].filter(Boolean).join(" ") || undefined;

/** The message under a control: the error (announced) when there is one, else the hint. */
export function FieldMessage({
  id,
  error,
  hint,
}: {
  id: string;
  error?: string | null;
  hint?: ReactNode;
}) {
  if (error)
    return (
      <p
        id={`${id}-error`}
        role="alert"
        className="mt-1 text-xs font-medium text-red-600 dark:text-red-400"
      >
        {error}
      </p>
    );
  if (hint)
    return (
      <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        {hint}
      </p>
    );
  return null;
}

/** Label above, message below: what Field and SelectField share around their control. */
function FieldShell({
  id,
  label,
  dense,
  error,
  hint,
  wrapperClassName,
  children,
}: Pick<FieldProps, "label" | "dense" | "error" | "hint" | "wrapperClassName"> & {
  id: string;
  children: ReactNode;
}) {
  return (
    <div className={wrapperClassName}>
      <label htmlFor={id} className={labelClass(dense)}>
        {label}
      </label>
      {children}
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}

const controlClass = (className?: string) =>
  className ? `mt-1 block w-full ${className}` : "mt-1 block w-full";

/** A labelled input with its error right below it (announced to screen readers). */
export function Field({
  label,
  name,
  error,
  hint,
  id: givenId,
  variant = "lg",
  dense,
  wrapperClassName,
  className,
  ...input
}: Omit<ComponentProps<"input">, "id"> & FieldProps) {
  const id = givenId ?? `field-${name}`;
  return (
    <FieldShell {...{ id, label, dense, error, hint, wrapperClassName }}>
      <Input
        {...input}
        id={id}
        name={name}
        variant={variant}
        invalid={!!error}
        aria-describedby={describedBy(id, error, hint, input["aria-describedby"])}
        className={controlClass(className)}
      />
    </FieldShell>
  );
}

/** A labelled <select> with its error below, like Field. */
export function SelectField({
  label,
  name,
  error,
  hint,
  id: givenId,
  variant = "lg",
  dense,
  wrapperClassName,
  className,
  ...select
}: Omit<ComponentProps<"select">, "id"> & FieldProps) {
  const id = givenId ?? `field-${name}`;
  return (
    <FieldShell {...{ id, label, dense, error, hint, wrapperClassName }}>
      <Select
        {...select}
        id={id}
        name={name}
        variant={variant}
        invalid={!!error}
        aria-describedby={describedBy(id, error, hint, select["aria-describedby"])}
        className={controlClass(className)}
      />
    </FieldShell>
  );
}

/**
 * A group of checkboxes or radios under a legend, with one error for the group: the fieldset's
 * aria-describedby has the message read when focus enters it; data-invalid lets Form focus its
 * first control.
 */
export function FieldGroup({
  legend,
  name,
  error,
  hint,
  dense,
  className,
  children,
}: {
  legend: ReactNode;
  name: string;
  error?: string | null;
  hint?: ReactNode;
  dense?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const id = `group-${name}`;
  return (
    <fieldset
      className={className}
      data-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, error, hint)}
    >
      <legend className={labelClass(dense)}>{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">{children}</div>
      <FieldMessage id={id} error={error} hint={hint} />
    </fieldset>
  );
}
