import type { ReactNode } from "react";
import { describedBy, Messages } from "./fields";

/** A group of fields (a nested object, a list, key/value rows) under its legend, help and error. */
export function Section(p: {
  id: string;
  legend: ReactNode;
  hint?: string;
  error?: string | null;
  children?: ReactNode;
}) {
  return (
    <fieldset
      className="min-w-0 rounded-lg border border-zinc-200 px-3 pb-3 dark:border-zinc-800"
      aria-describedby={describedBy(p.id, p.hint, p.error)}
    >
      <legend className="px-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {p.legend}
      </legend>
      <Messages id={p.id} hint={p.hint} error={p.error} />
      {p.children && <div className="mt-3 space-y-3">{p.children}</div>}
    </fieldset>
  );
}
