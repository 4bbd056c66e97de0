"use client";

import { useCallback, useEffect, useState } from "react";
import { api, ApiError } from "@/components/lib/api";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { DatabaseView, RecordView } from "@/lib/databases";
import { CREATED, type FieldDef } from "@/lib/databases/schemas";
import { AddFieldForm } from "./add-field-form";
import { Cell } from "./cell";
import { ColumnPanel } from "./column-panel";
import { ImportRecords, ImportResultView, type ImportResult } from "./import-records";
import { fitView, readView, viewSearch, type GridView } from "./grid-view";
import { Pager, RecordToolbar } from "./record-query";

const PAGE_SIZE = 100;
const message = (err: unknown) =>
  err instanceof ApiError ? (Object.values(err.fields)[0] ?? err.message) : "The change failed.";

/** The spreadsheet view of a database: typed cells, columns added and retyped from the header, CSV/JSON export. */
export function DatabaseGrid({
  projectId,
  id,
  canEdit,
}: {
  projectId: string;
  id: string;
  canEdit: boolean;
}) {
  const url = `/api/projects/${projectId}/databases/${id}`;
  const [db, setDb] = useState<DatabaseView | null>(null);
  const [records, setRecords] = useState<RecordView[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [column, setColumn] = useState<FieldDef | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // The view (filters, sort, page) starts from the address bar and is written back to it.
  const [view, setView] = useState<GridView>(() =>
    readView(typeof window === "undefined" ? "" : window.location.search),
  );
  // Filters that no longer fit (their field was dropped or retyped) and a sort on a dropped field are let go.
  const shown = db ? fitView(view, db.fields) : view;
  const { filters, sort, page } = shown;
  const query = JSON.stringify({ filters, sort, page, pageSize: PAGE_SIZE });
  useEffect(() => {
    const search = viewSearch(JSON.parse(query) as GridView);
    if (search !== window.location.search)
      window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}`);
  }, [query]);
  const [total, setTotal] = useState(0);
  const [queryError, setQueryError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [importResult, setImportResult] = useState<ImportResult | null>(null);

  // The database (fields, schema version): on open and after every change made here.
  useEffect(() => {
    let live = true;
    api<{ database: DatabaseView }>(url).then(
      ({ database }) => live && setDb(database),
      (err: unknown) =>
        live &&
        setLoadError(err instanceof ApiError ? err.message : "Could not load the database."),
    );
    return () => {
      live = false;
    };
  }, [url, version]);

  // The records of the view, once the database is known and whenever it or the view changes.
  useEffect(() => {
    if (!db) return;
    let live = true;
    api<{ records: RecordView[]; total: number }>(`${url}/records/query`, {
      method: "POST",
      json: JSON.parse(query),
    }).then(
      (r) => {
        if (!live) return;
        const { page: asked } = JSON.parse(query) as GridView;
        if (!r.records.length && asked > 1 && r.total > 0)
          setView((v) => ({ ...v, page: Math.ceil(r.total / PAGE_SIZE) })); // the page emptied under us
        setRecords(r.records);
        setTotal(r.total);
        setQueryError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setQueryError(message(err));
        setRecords([]);
        setTotal(0);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [url, db, query]);

  /** A new view; a change of filters or sort starts again on page 1. */
  const changeView = (next: Partial<GridView>) => {
    setLoading(true);
    setView({ ...shown, page: 1, ...next });
  };
  /** A new record goes last in the default order: show the page it lands on. */
  const addRecord = () =>
    act(async () => {
      await api(`${url}/records`, { method: "POST", json: { data: {} } });
      if (sort.field === CREATED && sort.dir === "asc" && !filters.length)
        setView({ ...shown, page: Math.max(1, Math.ceil((total + 1) / PAGE_SIZE)) });
    });

  async function saveCell(record: RecordView, field: FieldDef, value: unknown) {
    const key = `${record.id}:${field.id}`;
    try {
      const { record: saved } = await api<{ record: RecordView }>(`${url}/records/${record.id}`, {
        method: "PATCH",
        json: { data: { [field.id]: value } },
      });
      setRecords((all) => all.map((r) => (r.id === saved.id ? saved : r)));
      setCellErrors(({ [key]: _gone, ...rest }) => rest);
    } catch (err) {
      setCellErrors((e) => ({ ...e, [key]: message(err) }));
    }
  }

  async function act(fn: () => Promise<unknown>) {
    try {
      await fn();
      setError(null);
      reload();
    } catch (err) {
      setError(message(err));
    }
  }

  if (loadError) return <Alert>{loadError}</Alert>;
  if (!db)
    return (
      <p className="text-sm text-zinc-500" aria-busy="true">
        Loading the database…
      </p>
    );
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{db.name}</h1>
          <p className="mt-1 text-xs text-zinc-500" aria-live="polite">
            {total.toLocaleString("en")} record{total === 1 ? "" : "s"}
            {filters.length > 0 && " match the filters"} · {db.fields.length} field
            {db.fields.length === 1 ? "" : "s"} · schema version {db.schemaVersion}
          </p>
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          {canEdit && <ImportRecords url={url} onImported={reload} onResult={setImportResult} />}
          <a
            href={`${url}/export?format=csv`}
            download
            className="rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Export CSV
          </a>
          <a
            href={`${url}/export?format=json`}
            download
            className="rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Export JSON
          </a>
        </div>
      </header>
      {importResult && (
        <ImportResultView result={importResult} onDismiss={() => setImportResult(null)} />
      )}
      {error && <Alert>{error}</Alert>}
      {db.fields.length > 0 && (
        <RecordToolbar
          fields={db.fields}
          filters={filters}
          sort={sort}
          onFilters={(f) => changeView({ filters: f })}
          onSort={(o) => changeView({ sort: o })}
        />
      )}
      {queryError && <Alert>{queryError}</Alert>}
      {column && canEdit && (
        <ColumnPanel
          key={column.id}
          url={url}
          field={column}
          onChanged={reload}
          onClose={() => setColumn(null)}
        />
      )}
      <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <table
          className={`w-full text-left text-sm transition-opacity ${loading ? "opacity-60" : ""}`}
          aria-label={`${db.name} records`}
          aria-busy={loading || undefined}
        >
          <thead className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-800/50">
            <tr>
              {db.fields.map((f) => (
                <th key={f.id} scope="col" className="px-2 py-2 font-medium">
                  <button
                    type="button"
                    disabled={!canEdit}
                    onClick={() => setColumn(f)}
                    className="flex items-center gap-1.5 rounded px-1 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-default"
                  >
                    {f.name}
                    <Badge>{f.type}</Badge>
                    {f.required && <span title="required">*</span>}
                  </button>
                </th>
              ))}
              <th scope="col" className="w-10 px-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {records.map((r, row) => (
              <tr key={r.id} data-testid="record-row">
                {db.fields.map((f, col) => (
                  <td key={f.id} className="px-1 py-0.5">
                    <Cell
                      field={f}
                      value={r.data[f.id]}
                      row={row}
                      rowNumber={(page - 1) * PAGE_SIZE + row + 1}
                      col={col}
                      readOnly={!canEdit}
                      error={cellErrors[`${r.id}:${f.id}`]}
                      onSave={(v) => void saveCell(r, f, v)}
                    />
                  </td>
                ))}
                <td className="px-2 text-right">
                  {canEdit && (
                    <button
                      type="button"
                      aria-label={`Delete row ${(page - 1) * PAGE_SIZE + row + 1}`}
                      onClick={() => act(() => api(`${url}/records/${r.id}`, { method: "DELETE" }))}
                      className="rounded px-1.5 text-zinc-400 outline-none hover:text-red-600 focus-visible:ring-2 focus-visible:ring-indigo-500"
                    >
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {records.length === 0 && (
              <tr>
                <td
                  colSpan={db.fields.length + 1}
                  className="px-3 py-6 text-center text-sm text-zinc-500"
                >
                  {!db.fields.length
                    ? "Add a field to start."
                    : filters.length
                      ? "No records match these filters."
                      : "No records yet."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {total > PAGE_SIZE && (
        <Pager
          page={page}
          pageSize={PAGE_SIZE}
          total={total}
          onPage={(p) => changeView({ page: p })}
        />
      )}
      {canEdit && (
        <div className="flex flex-wrap items-end justify-between gap-4">
          <Button variant="secondary" disabled={!db.fields.length} onClick={() => void addRecord()}>
            + Add record
          </Button>
          <AddFieldForm url={url} run={act} />
        </div>
      )}
    </div>
  );
}
