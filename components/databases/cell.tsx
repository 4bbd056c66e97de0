"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Checkbox, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldDef } from "@/lib/databases/constants";
import { nextBoolean, parseCell, showValue } from "./cell-value";

// A wrong value keeps its red border and tint while focused (the focus ring would hide it);
// a focused text cell grows to show its whole value over its neighbours (ellipsis otherwise).
const INVALID =
  "aria-invalid:bg-red-50 aria-invalid:ring-1 aria-invalid:ring-red-500/40 focus:aria-invalid:border-red-500 focus:aria-invalid:ring-red-500/40 dark:aria-invalid:bg-red-500/10";
const GROW =
  "truncate focus:relative focus:z-20 focus:w-auto focus:min-w-full focus:max-w-[32rem] focus:bg-white focus:shadow-lg focus:field-sizing-content dark:focus:bg-zinc-900";
const TYPE_CLASS: Partial<Record<FieldDef["type"], string>> = {
  number: "text-right tabular-nums",
  json: "font-mono text-xs",
};

/**
 * One typed cell: a checkbox for booleans (empty shows as a dash, distinct from false), a select
 * for options, date/number/text inputs otherwise. Saves on Enter or when focus leaves, if the
 * value changed; Escape restores it. A value that cannot be saved (invalid JSON, a non-number)
 * is refused here with the reason; the server's refusals show the same way, under the cell.
 * Arrow up/down move to the same column in the next/previous row (`data-row`/`data-col`).
 */
export function Cell({
  field,
  value,
  row,
  rowNumber,
  col,
  readOnly,
  error,
  errorId,
  onSave,
  onError,
}: {
  field: FieldDef;
  value: unknown;
  row: number;
  rowNumber: number;
  col: number;
  readOnly: boolean;
  error?: string;
  errorId: string;
  onSave: (v: unknown) => void;
  onError: (message: string | null) => void;
}) {
  const [draft, setDraft] = useState(showValue(field, value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(showValue(field, value));
  }
  const box = useRef<HTMLInputElement>(null);
  const empty = value === null || value === undefined;
  useEffect(() => {
    if (box.current) box.current.indeterminate = empty;
  }, [empty]);

  const nav = {
    "data-row": row,
    "data-col": col,
    "aria-label": `${field.name}, row ${rowNumber}`,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
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
    if (draft === showValue(field, value)) return error && onError(null);
    const parsed = parseCell(field, draft);
    if (parsed.ok) onSave(parsed.value);
    else onError(parsed.message);
  };

  let control;
  if (field.type === "boolean") {
    control = (
      <span className="flex items-center gap-2 px-2 py-1">
        <Checkbox
          {...nav}
          ref={box}
          disabled={readOnly}
          checked={value === true}
          title={empty ? "Empty" : undefined}
          onChange={() => onSave(nextBoolean(value, field.required))}
          onKeyDown={move}
          className={empty ? "opacity-50 dark:opacity-80" : undefined}
        />
        {empty && (
          <span aria-hidden="true" className="text-xs text-zinc-400 dark:text-zinc-500">
            empty
          </span>
        )}
      </span>
    );
  } else if (field.type === "select") {
    control = (
      <Select
        {...nav}
        variant="cell"
        disabled={readOnly}
        value={showValue(field, value)}
        title={showValue(field, value) || undefined}
        onChange={(e) => onSave(e.target.value || null)}
        onKeyDown={move}
        className={`truncate ${INVALID}`}
      >
        <option value="">—</option>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    );
  } else {
    control = (
      <Input
        {...nav}
        variant="cell"
        type={field.type === "date" ? "date" : "text"}
        inputMode={field.type === "number" ? "decimal" : undefined}
        readOnly={readOnly}
        value={draft}
        title={draft || undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") {
            setDraft(showValue(field, value));
            onError(null);
          }
          move(e);
        }}
        className={`${field.type === "date" ? "" : GROW} ${INVALID} ${TYPE_CLASS[field.type] ?? ""}`}
      />
    );
  }
  return (
    <>
      {control}
      {error && (
        <p
          id={errorId}
          role="alert"
          className="px-2 pt-0.5 pb-1 text-xs font-medium whitespace-normal text-red-600 dark:text-red-400"
        >
          {error}
        </p>
      )}
    </>
  );
}
