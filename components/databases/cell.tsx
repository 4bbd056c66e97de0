"use client";

import { useState, type KeyboardEvent } from "react";
import { Checkbox, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldDef } from "@/lib/databases/schemas";

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
  if (field.type === "boolean") {
    return (
      <Checkbox
        {...nav}
        disabled={readOnly}
        checked={value === true}
        onChange={(e) => onSave(e.target.checked)}
        onKeyDown={move}
      />
    );
  }
  if (field.type === "select") {
    return (
      <Select
        {...nav}
        variant="cell"
        disabled={readOnly}
        value={show(field, value)}
        onChange={(e) => onSave(e.target.value || null)}
        onKeyDown={move}
      >
        <option value="">—</option>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Input
      {...nav}
      variant="cell"
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
      className={
        field.type === "number"
          ? "text-right tabular-nums"
          : field.type === "json"
            ? "font-mono text-xs"
            : undefined
      }
    />
  );
}
