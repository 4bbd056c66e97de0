"use client";

import { useState } from "react";
import { controlClass } from "@/components/ui/input";
import { describedBy, FieldLabel, Messages, type FieldProps } from "./fields";
import { useFieldMeta } from "./form-context";

const pretty = (v: unknown) => (v === undefined ? "" : JSON.stringify(v, null, 2));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Anything the form has no control for (a JSON Schema, free-form input): JSON text. */
export function JsonField(p: FieldProps<"json">) {
  const m = useFieldMeta(p.path);
  // The text being typed may not parse yet; the value is only sent when it does.
  const [draft, setDraft] = useState(() => ({ text: pretty(p.value), value: p.value, bad: "" }));
  if (!same(draft.value, p.value)) setDraft({ text: pretty(p.value), value: p.value, bad: "" });

  const edit = (text: string) => {
    if (text.trim() === "") {
      setDraft({ text, value: undefined, bad: "" });
      return p.onChange(undefined);
    }
    try {
      const value = JSON.parse(text) as unknown;
      setDraft({ text, value, bad: "" });
      p.onChange(value);
    } catch (err) {
      setDraft({
        ...draft,
        text,
        bad: `${p.label ?? p.desc.label} is not valid JSON (${(err as Error).message}).`,
      });
    }
  };
  const error = [draft.bad, m.error].filter(Boolean).join(" ") || null;
  return (
    <div>
      <FieldLabel id={m.id} desc={p.desc} label={p.label} srOnly={p.srOnlyLabel} />
      <textarea
        id={m.id}
        value={draft.text}
        onChange={(e) => edit(e.target.value)}
        readOnly={m.readOnly}
        rows={6}
        spellCheck={false}
        placeholder={p.desc.default === undefined ? "{ }" : pretty(p.desc.default)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(m.id, p.desc.description, error)}
        className={controlClass("md", "mt-1 block w-full font-mono text-xs")}
      />
      <Messages id={m.id} hint={p.desc.description} error={error} />
    </div>
  );
}
