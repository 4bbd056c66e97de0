"use client";

import type { MouseEvent } from "react";
import { Badge } from "@/components/ui/badge";
import type { DatabaseView, RecordView } from "@/lib/databases";
import type { FieldDef } from "@/lib/databases/constants";
import { Cell } from "./cell";
import { ColumnResizer } from "./column-resizer";
import { stepOf, WIDTH_STEPS } from "./column-widths";

const STICKY = "sticky left-0 z-10";
// Chrome widens even a fixed-layout column to its content's min-content width; an inline-size
// container has none, so columns keep their chosen width (a focused cell still overflows visibly).
const FIT = "contain-inline-size";

/**
 * The records as a table that scrolls sideways inside its own box: a sticky row-number column,
 * one fixed-width (resizable) column per field, and a delete button per row.
 */
export function GridTable({
  db,
  records,
  firstRow,
  widths,
  canEdit,
  loading,
  cellErrors,
  emptyText,
  onColumn,
  onWidth,
  onSave,
  onCellError,
  onDelete,
}: {
  db: DatabaseView;
  records: RecordView[];
  /** The number of the page's first row (rows keep their number across pages). */
  firstRow: number;
  widths: Record<string, number>;
  canEdit: boolean;
  loading: boolean;
  cellErrors: Record<string, string>;
  emptyText: string;
  onColumn: (f: FieldDef) => void;
  onWidth: (fieldId: string, step: number) => void;
  onSave: (r: RecordView, f: FieldDef, value: unknown) => void;
  onCellError: (key: string, message: string | null) => void;
  onDelete: (r: RecordView, rowNumber: number, e: MouseEvent<HTMLButtonElement>) => void;
}) {
  return (
    <div className="max-w-full overflow-x-auto rounded-2xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <table
        className={`w-max min-w-full table-fixed text-left text-sm transition-opacity ${loading ? "opacity-60" : ""}`}
        aria-label={`${db.name} records`}
        aria-busy={loading || undefined}
      >
        <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-800">
          <tr>
            <th
              scope="col"
              className={`${STICKY} w-14 bg-zinc-50 px-2 py-2 text-right text-xs font-medium text-zinc-500 dark:bg-zinc-800`}
            >
              <span aria-hidden="true">#</span>
              <span className="sr-only">Row</span>
            </th>
            {db.fields.map((f) => {
              const step = stepOf(widths, f);
              // Where name and type badge do not both fit, the name keeps the room (the type goes to the title).
              const narrow = f.name.length * 8 + f.type.length * 7 + 48 > WIDTH_STEPS[step]!.px;
              return (
                <th
                  key={f.id}
                  scope="col"
                  className={`relative ${WIDTH_STEPS[step]!.className} px-2 py-2 font-medium`}
                >
                  <div className={FIT}>
                    <button
                      type="button"
                      disabled={!canEdit}
                      title={`${f.name} (${f.type}${f.required ? ", required" : ""})${canEdit ? ": rename, retype or delete" : ""}`}
                      onClick={() => onColumn(f)}
                      className="flex max-w-full items-center gap-1.5 rounded px-1 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-default"
                    >
                      <span className="truncate">{f.name}</span>
                      {narrow ? <span className="sr-only">{f.type}</span> : <Badge>{f.type}</Badge>}
                      {f.required && <span title="required">*</span>}
                    </button>
                  </div>
                  <ColumnResizer name={f.name} step={step} onStep={(s) => onWidth(f.id, s)} />
                </th>
              );
            })}
            {/* relative: its sr-only text (absolute) stays inside the scrolling box, not widening the page */}
            <th scope="col" className="relative min-w-12 px-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {records.map((r, row) => {
            const n = firstRow + row;
            return (
              <tr key={r.id} data-testid="record-row" className="align-top">
                <th
                  scope="row"
                  className={`${STICKY} bg-white px-2 py-2.5 text-right text-xs font-normal text-zinc-500 tabular-nums dark:bg-zinc-900 dark:text-zinc-400`}
                >
                  {n.toLocaleString("en")}
                </th>
                {db.fields.map((f, col) => {
                  const key = `${r.id}:${f.id}`;
                  return (
                    <td key={f.id} className="px-1 py-0.5">
                      <div className={FIT}>
                        <Cell
                          field={f}
                          value={r.data[f.id]}
                          row={row}
                          rowNumber={n}
                          col={col}
                          readOnly={!canEdit}
                          error={cellErrors[key]}
                          errorId={`cell-error-${r.id}-${f.id}`}
                          onSave={(v) => onSave(r, f, v)}
                          onError={(m) => onCellError(key, m)}
                        />
                      </div>
                    </td>
                  );
                })}
                <td className="px-2 py-1 text-right">
                  {canEdit && (
                    <button
                      type="button"
                      data-delete-row
                      aria-label={`Delete row ${n}`}
                      title={`Delete row ${n}`}
                      onClick={(e) => onDelete(r, n, e)}
                      className="rounded px-1.5 py-0.5 text-zinc-400 outline-none hover:text-red-600 focus-visible:ring-2 focus-visible:ring-indigo-500"
                    >
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
          {records.length === 0 && (
            <tr>
              <td
                colSpan={db.fields.length + 2}
                className="px-3 py-6 text-center text-sm text-zinc-500"
              >
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
