"use client";

import type { InputField } from "@/lib/workflows/nodes/trigger";
import { describedBy, FieldMessage } from "@/components/ui/field";
import { Checkbox, controlClass } from "@/components/ui/input";
import type { FormValue } from "./input-form";

const TYPE_HINTS: Record<InputField["type"], string> = {
  string: "Text",
  number: "A number",
  boolean: "Yes or no",
  object: "A JSON object",
  array: "A JSON list",
};

/** One control of the run form, typed by the trigger's field: text, number, checkbox or JSON. */
export function RunInputField({
  field,
  value,
  error,
  autoFocus,
  onChange,
}: {
  field: InputField;
  value: FormValue;
  error?: string;
  autoFocus?: boolean;
  onChange: (value: FormValue) => void;
}) {
  const id = `run-input-${field.name}`;
  const hint = [TYPE_HINTS[field.type], field.description].filter(Boolean).join(" · ");
  const focus = autoFocus ? { "data-autofocus": true } : {};
  const label = (
    <>
      <span className="font-mono">{field.name}</span>
      {field.required ? (
        <span className="ml-1 text-xs font-normal text-zinc-500 dark:text-zinc-400">
          (required)
        </span>
      ) : (
        <span className="ml-1 text-xs font-normal text-zinc-500 dark:text-zinc-400">
          (optional)
        </span>
      )}
    </>
  );
  if (field.type === "boolean")
    return (
      <div>
        <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
          <Checkbox
            id={id}
            name={field.name}
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
            aria-describedby={describedBy(id, error, hint)}
            aria-invalid={error ? true : undefined}
            {...focus}
          />
          {label}
        </label>
        <FieldMessage id={id} error={error} hint={hint} />
      </div>
    );
  const json = field.type === "object" || field.type === "array";
  const common = {
    id,
    name: field.name,
    value: typeof value === "string" ? value : "",
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, error, hint),
    "aria-required": field.required || undefined,
    ...focus,
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {json || field.type === "string" ? (
        <textarea
          {...common}
          rows={json ? 4 : 2}
          spellCheck={!json}
          onChange={(e) => onChange(e.target.value)}
          className={controlClass("lg", `mt-1 block w-full ${json ? "font-mono text-xs" : ""}`)}
        />
      ) : (
        <input
          {...common}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
          className={controlClass("lg", "mt-1 block w-full")}
        />
      )}
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}
