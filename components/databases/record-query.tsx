"use client";

import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CREATED, type FieldDef, type FilterOp } from "@/lib/databases/constants";
import { opsFor, type RecordFilter, type RecordSort } from "./grid-view";
import { FieldError } from "./schema-errors";

const needsValue = (op: FilterOp) => op !== "is_empty" && op !== "not_empty";

export function describeFilter(fields: FieldDef[], flt: RecordFilter): string {
  const f = fields.find((x) => x.id === flt.field);
  if (!f) return "(removed field)";
  const label = opsFor(f).find(([op]) => op === flt.op)?.[1] ?? flt.op;
  return needsValue(flt.op)
    ? `${f.name} ${label} ${typeof flt.value === "string" ? `"${flt.value}"` : String(flt.value)}`
    : `${f.name} ${label}`;
}

/**
 * Filters (all must match) and the sort order of the grid. A filter is built from a field, an
 * operator that fits its type and a typed value; active filters show as removable chips.
 */
export function RecordToolbar({
  fields,
  filters,
  sort,
  onFilters,
  onSort,
}: {
  fields: FieldDef[];
  filters: RecordFilter[];
  sort: RecordSort;
  onFilters: (f: RecordFilter[]) => void;
  onSort: (s: RecordSort) => void;
}) {
  const [fieldId, setFieldId] = useState(fields[0]?.id ?? "");
  const fieldSelect = useRef<HTMLSelectElement>(null);
  // Removing a chip removes the focused button: keep the keyboard in the filter bar.
  const remove = (next: RecordFilter[]) => {
    onFilters(next);
    fieldSelect.current?.focus();
  };
  const field = fields.find((f) => f.id === fieldId) ?? fields[0];
  const ops = field ? opsFor(field) : [];
  const [op, setOp] = useState<FilterOp>(ops[0]?.[0] ?? "contains");
  const [value, setValue] = useState("");
  const currentOp = ops.some(([o]) => o === op) ? op : (ops[0]?.[0] ?? "contains");
  /** Another field starts at its type's first condition ("is on" for a date, not a leftover "contains"). */
  const pickField = (id: string) => {
    const next = fields.find((f) => f.id === id);
    setFieldId(id);
    if (next) setOp(opsFor(next)[0]![0]);
  };
  const fieldOptions = fields.map((f) => (
    <option key={f.id} value={f.id}>
      {f.name}
    </option>
  ));

  const [valueError, setValueError] = useState<string | null>(null);
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!field) return;
    if (needsValue(currentOp) && !value.trim()) {
      setValueError(`Filter value is required for “${field.name}”`);
      return (e.currentTarget as HTMLFormElement)
        .querySelector<HTMLElement>("#filter-value")
        ?.focus();
    }
    setValueError(null);
    const typed = !needsValue(currentOp)
      ? undefined
      : field.type === "number"
        ? Number(value)
        : field.type === "boolean"
          ? value === "true"
          : value;
    onFilters([
      ...filters,
      { field: field.id, op: currentOp, ...(typed !== undefined && { value: typed }) },
    ]);
    setValue("");
  };

  const valueInput = () => {
    if (!field || !needsValue(currentOp)) return null;
    const common = {
      id: "filter-value",
      "aria-label": "Filter value",
      "aria-invalid": valueError ? true : undefined,
      "aria-describedby": valueError ? "filter-value-error" : undefined,
      value,
      onChange: (e: { target: { value: string } }) => (
        setValue(e.target.value),
        setValueError(null)
      ),
    };
    if (field.type === "boolean")
      return (
        <Select {...common}>
          <option value="">Choose…</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </Select>
      );
    if (field.type === "select" && currentOp === "equals")
      return (
        <Select {...common}>
          <option value="">Choose…</option>
          {(field.options ?? []).map((o) => (
            <option key={o}>{o}</option>
          ))}
        </Select>
      );
    return (
      <Input
        {...common}
        type={
          field.type === "number"
            ? "number"
            : field.type === "date" && currentOp !== "contains"
              ? "date"
              : "text"
        }
        step={field.type === "number" ? "any" : undefined}
        placeholder={field.type === "date" ? "e.g. 2026-02" : "value"}
      />
    );
  };

  return (
    <div className="space-y-2 rounded-2xl border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form
          noValidate
          onSubmit={add}
          aria-label="Add a filter"
          className="flex flex-wrap items-end gap-2"
        >
          <label className="grid gap-1 text-xs font-medium">
            Filter field
            <Select
              ref={fieldSelect}
              value={field?.id ?? ""}
              disabled={!fields.length}
              onChange={(e) => pickField(e.target.value)}
            >
              {fieldOptions}
            </Select>
          </label>
          <label className="grid gap-1 text-xs font-medium">
            Condition
            <Select
              value={currentOp}
              disabled={!fields.length}
              onChange={(e) => setOp(e.target.value as FilterOp)}
            >
              {ops.map(([o, label]) => (
                <option key={o} value={o}>
                  {label}
                </option>
              ))}
            </Select>
          </label>
          {valueInput()}
          <Button type="submit" variant="secondary" disabled={!fields.length}>
            Add filter
          </Button>
          <div className="basis-full empty:hidden">
            <FieldError id="filter-value-error" message={valueError ?? undefined} />
          </div>
        </form>
        <div className="flex items-end gap-2">
          <label className="grid gap-1 text-xs font-medium">
            Sort by
            <Select value={sort.field} onChange={(e) => onSort({ ...sort, field: e.target.value })}>
              <option value={CREATED}>Order added</option>
              {fieldOptions}
            </Select>
          </label>
          <Button
            variant="secondary"
            aria-label={
              sort.dir === "asc"
                ? "Ascending; switch to descending"
                : "Descending; switch to ascending"
            }
            onClick={() => onSort({ ...sort, dir: sort.dir === "asc" ? "desc" : "asc" })}
          >
            {sort.dir === "asc" ? "↑ Asc" : "↓ Desc"}
          </Button>
        </div>
      </div>
      {filters.length > 0 && (
        <ul aria-label="Active filters" className="flex flex-wrap items-center gap-2">
          {filters.map((flt, i) => (
            <li
              key={`${flt.field}-${i}`}
              className="flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-3 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
            >
              {describeFilter(fields, flt)}
              <button
                type="button"
                aria-label={`Remove filter ${describeFilter(fields, flt)}`}
                onClick={() => remove(filters.filter((_, j) => j !== i))}
                className="rounded-full px-1.5 outline-none hover:bg-indigo-100 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-indigo-900"
              >
                ✕
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              onClick={() => remove([])}
              className="rounded px-1 text-xs text-zinc-500 underline outline-none hover:text-zinc-800 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:text-zinc-200"
            >
              Clear all
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
