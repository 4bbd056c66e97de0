"use client";

import { useEffect, useRef, useState, type ComponentProps, type FormEvent } from "react";

/**
 * The app's <form>: no native validation bubbles (noValidate), because every form shows its
 * errors itself, next to the field (Field, SelectField, FieldGroup) and announced. After a
 * submit, focus moves to the first field marked aria-invalid, so keyboard and screen-reader
 * users land on what needs fixing. Everything else is a plain form: `method`/`action` still work
 * without JavaScript.
 */
const FIRST_INVALID = '[aria-invalid="true"], [data-invalid] input, [data-invalid] select';

export function Form({
  onSubmit,
  noValidate = true,
  ...props
}: Omit<ComponentProps<"form">, "onSubmit" | "ref"> & {
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void | Promise<unknown>;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt) ref.current?.querySelector<HTMLElement>(FIRST_INVALID)?.focus();
  }, [attempt]);
  async function submit(event: FormEvent<HTMLFormElement>) {
    try {
      await onSubmit?.(event);
    } finally {
      setAttempt((n) => n + 1);
    }
  }
  return <form ref={ref} noValidate={noValidate} onSubmit={submit} {...props} />;
}
