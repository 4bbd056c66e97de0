"use client";

import { useState, type KeyboardEvent } from "react";
import type { FieldDef } from "@/lib/databases/schemas";

const base =
  "w-full min-w-24 rounded-md border border-transparent bg-transparent px-2 py-1 text-sm outline-none hover:border-zinc-200 focus:border-indigo-400 focus:ring-2 focus:ring-indigo-500/30 dark:hover:border-zinc-700";

const show = (f: FieldDef, v: unknown) =>
  v === null || v === undefined ? "" : f.type === "json" ? JSON.stringify(v) : String(v);

/** Parses what was typed into the field's type; `undefined` = cannot parse (the server says why). */
function parse(f: FieldDef, raw: string): unknown {
  if (raw.trim() === "") return null;
  if (f.type === "number") return Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (f.type === "json") {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

/**
 * One typed cell: checkbox for booleans, a select for options, date/number/text inputs otherwise.
 * Saves on Enter or when focus leaves, if the value changed; Escape restores it. Arrow up/down
 * move to the same column in the next/previous row (`data-row`/`data-col` on the inputs).
 */
export function Cell({
  field,
  value,
  row,
  rowNumber = row + 1,
  col,
  readOnly,
  error,
  onSave,
}: {
  field: FieldDef;
  value: unknown;
  row: number;
  rowNumber?: number;
  col: number;
  readOnly: boolean;
  error?: string;
  onSave: (v: unknown) => void;
}) {
  const [draft, setDraft] = useState(show(field, value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(show(field, value));
  }
  const label = `${field.name}, row ${rowNumber}`;
  const nav = {
    "data-row": row,
    "data-col": col,
    "aria-label": label,
    "aria-invalid": error ? true : undefined,
    title: error,
  };
  const move = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const next = document.querySelector<HTMLElement>(
      `[data-row="${row + (e.key === "ArrowDown" ? 1 : -1)}"][data-col="${col}"]`,
    );
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };
  const commit = () => {
    if (draft !== show(field, value)) onSave(parse(field, draft));
  };
  const cls = `${base} ${error ? "border-red-500 dark:border-red-500" : ""}`;

  if (field.type === "boolean") {
    return (
      <input
        type="checkbox"
        {...nav}
        disabled={readOnly}
        checked={value === true}
        onChange={(e) => onSave(e.target.checked)}
        onKeyDown={move}
        className="size-4 accent-indigo-600"
      />
    );
  }
  if (field.type === "select") {
    return (
      <select
        {...nav}
        disabled={readOnly}
        value={show(field, value)}
        onChange={(e) => onSave(e.target.value || null)}
        onKeyDown={move}
        className={cls}
      >
        <option value="">—</option>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...nav}
      type={field.type === "date" ? "date" : "text"}
      inputMode={field.type === "number" ? "decimal" : undefined}
      readOnly={readOnly}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setDraft(show(field, value));
        move(e);
      }}
      className={`${cls} ${field.type === "number" ? "text-right tabular-nums" : ""} ${field.type === "json" ? "font-mono text-xs" : ""}`}
    />
  );
}
