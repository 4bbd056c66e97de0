"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldView, Messages, type FieldProps } from "./fields";
import { useFieldMeta } from "./form-context";
import { childPath, emptyValue, keyPath } from "./form-state";
import { Section } from "./section";

interface Row {
  id: number;
  key: string;
  value: unknown;
}
const asRecord = (v: unknown) =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const toRows = (v: unknown): Row[] =>
  Object.entries(asRecord(v)).map(([key, value], id) => ({ id, key, value }));
// A row without a key is not sent yet (it would only be refused); it waits for its key.
const fromRows = (rows: Row[]) =>
  Object.fromEntries(rows.filter((r) => r.key !== "").map((r) => [r.key, r.value]));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Key → value rows (headers, a database node's values). */
export function RecordField(p: FieldProps<"record">) {
  const m = useFieldMeta(p.path);
  const [rows, setRows] = useState(() => toRows(p.value));
  // A change from outside (undo, another node's config) replaces the rows.
  if (!same(fromRows(rows), asRecord(p.value))) setRows(toRows(p.value));
  const label = p.label ?? p.desc.label;

  const update = (next: Row[]) => {
    setRows(next);
    p.onChange(fromRows(next));
  };
  const patch = (id: number, change: Partial<Row>) =>
    update(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  const nextId = rows.reduce((n, r) => Math.max(n, r.id + 1), 0);

  return (
    <Section id={m.id} legend={label} hint={p.desc.description} error={m.error}>
      {rows.length === 0 && <p className="text-xs text-zinc-500 dark:text-zinc-400">None yet.</p>}
      {rows.map((r, i) => {
        const keyId = `${m.id}-key-${r.id}`;
        const twice = r.key !== "" && rows.findIndex((x) => x.key === r.key) < i;
        const keyError = twice
          ? `"${r.key}" is used twice; only the last one is kept.`
          : (m.problems.get(keyPath(p.path, r.key))?.join(" ") ?? null);
        return (
          <div
            key={r.id}
            className="grid gap-2 rounded-md bg-zinc-50 p-2 @sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] @sm:items-start dark:bg-zinc-900/60"
          >
            <div>
              <label htmlFor={keyId} className="sr-only">
                {`${label} ${i + 1} key`}
              </label>
              <Input
                id={keyId}
                value={r.key}
                placeholder={p.desc.keyField.label}
                readOnly={m.readOnly}
                invalid={!!keyError}
                onChange={(e) => patch(r.id, { key: e.target.value })}
                aria-describedby={keyError ? `${keyId}-error` : undefined}
                className="mt-1 block w-full"
              />
              <Messages id={keyId} error={keyError} />
            </div>
            <div>
              <FieldView
                desc={p.desc.valueField}
                label={`${r.key || `${label} ${i + 1}`} value`}
                srOnlyLabel
                path={childPath(p.path, r.key)}
                value={r.value}
                onChange={(v) => patch(r.id, { value: v ?? "" })}
              />
            </div>
            {!m.readOnly && (
              <Button
                variant="danger-quiet"
                size="sm"
                onClick={() => update(rows.filter((x) => x.id !== r.id))}
                aria-label={`Remove ${r.key || `row ${i + 1}`}`}
                className="justify-self-start @sm:mt-1.5"
              >
                Remove
              </Button>
            )}
          </div>
        );
      })}
      {!m.readOnly && (
        <Button
          variant="secondary"
          size="sm"
          onClick={() =>
            setRows([...rows, { id: nextId, key: "", value: emptyValue(p.desc.valueField) }])
          }
        >
          Add {label.toLowerCase().replace(/s$/, "")}
        </Button>
      )}
    </Section>
  );
}
