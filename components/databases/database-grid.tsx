"use client";

import type { MouseEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RecordView } from "@/lib/databases";
import { AddFieldForm } from "./add-field-form";
import { ColumnPanel } from "./column-panel";
import { GridTable } from "./grid-table";
import { plural, schemaHistory } from "./grid-text";
import { ImportRecords, ImportResultView } from "./import-records";
import { Pager } from "./pager";
import { RecordToolbar } from "./record-query";
import { UndoToast } from "./undo-toast";
import { PAGE_SIZE, useDatabaseGrid } from "./use-database-grid";

const LINK =
  "rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** The spreadsheet view of a database: typed cells, columns added and retyped from the header, CSV/JSON import and export. */
export function DatabaseGrid({
  projectId,
  id,
  canEdit,
}: {
  projectId: string;
  id: string;
  canEdit: boolean;
}) {
  const grid = useDatabaseGrid(projectId, id);
  const { s, view, url, dispatch } = grid;
  const { db, total } = s;
  const { filters, sort, page } = view;

  if (s.loadError) return <Alert>{s.loadError}</Alert>;
  if (!db)
    return (
      <p className="text-sm text-zinc-500" aria-busy="true">
        Loading the database…
      </p>
    );

  const column = db.fields.find((f) => f.id === s.column);
  const pager = (position: "top" | "bottom") =>
    total > PAGE_SIZE && (
      <Pager
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        position={position}
        onPage={(p) => void grid.changeView({ page: p })}
      />
    );
  /** The row leaves the screen at once; focus goes to a neighbour's delete button (or Undo). */
  const remove = (r: RecordView, n: number, e: MouseEvent<HTMLButtonElement>) => {
    const tr = e.currentTarget.closest("tr");
    const next = (tr?.nextElementSibling ?? tr?.previousElementSibling)?.querySelector("button");
    grid.remove(r, n);
    if (next) next.focus();
    else requestAnimationFrame(() => document.getElementById("undo-delete")?.focus());
  };
  const undo = () => {
    const at = s.pending?.index ?? 0;
    dispatch({ type: "undo" });
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-row="${at}"][data-col="0"]`)?.focus(),
    );
  };

  return (
    <div className="min-w-0 space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words md:text-3xl">
            {db.name}
          </h1>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
            {plural(total, "record")}
            {filters.length > 0 && " match the filters"} · {plural(db.fields.length, "field")} ·{" "}
            <span title={`Schema version ${db.schemaVersion}, changed ${db.updatedAt}`}>
              {schemaHistory(db.schemaVersion, db.updatedAt, s.loadedAt)}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2 sm:justify-end">
          {canEdit && (
            <ImportRecords
              url={url}
              onImported={grid.reload}
              onResult={(result) => dispatch({ type: "imported", result })}
            />
          )}
          <a href={`${url}/export?format=csv`} download className={LINK}>
            Export CSV
          </a>
          <a href={`${url}/export?format=json`} download className={LINK}>
            Export JSON
          </a>
        </div>
      </header>
      {s.importResult && (
        <ImportResultView
          result={s.importResult}
          onDismiss={() => dispatch({ type: "imported", result: null })}
        />
      )}
      {s.error && <Alert>{s.error}</Alert>}
      {db.fields.length > 0 && (
        <RecordToolbar
          fields={db.fields}
          filters={filters}
          sort={sort}
          onFilters={(f) => void grid.changeView({ filters: f })}
          onSort={(o) => void grid.changeView({ sort: o })}
        />
      )}
      {s.queryError && <Alert>{s.queryError}</Alert>}
      {column && canEdit && (
        <ColumnPanel
          key={column.id}
          url={url}
          field={column}
          onChanged={grid.reload}
          onClose={() => dispatch({ type: "column", fieldId: null })}
        />
      )}
      {pager("top")}
      <GridTable
        db={db}
        records={s.records}
        firstRow={(page - 1) * PAGE_SIZE + 1}
        widths={s.widths}
        canEdit={canEdit}
        loading={s.loading}
        cellErrors={s.cellErrors}
        emptyText={
          !db.fields.length
            ? "Add a field to start."
            : filters.length
              ? "No records match these filters."
              : "No records yet."
        }
        onColumn={(f) => dispatch({ type: "column", fieldId: f.id })}
        onWidth={grid.setWidth}
        onSave={(r, f, v) => void grid.saveCell(r, f, v)}
        onCellError={(key, message) => dispatch({ type: "cellError", key, message })}
        onDelete={remove}
      />
      {pager("bottom")}
      {canEdit && (
        <div className="flex flex-wrap items-start justify-between gap-4">
          <Button
            variant="secondary"
            disabled={!db.fields.length}
            onClick={() => void grid.addRecord()}
          >
            + Add record
          </Button>
          <AddFieldForm url={url} onAdded={grid.reload} />
        </div>
      )}
      <UndoToast
        rowNumber={s.pending?.rowNumber ?? null}
        onUndo={undo}
        onDismiss={() => grid.commitNow()}
      />
    </div>
  );
}
