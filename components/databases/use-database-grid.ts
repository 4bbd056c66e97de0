"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { api, ApiError } from "@/components/lib/api";
import type { DatabaseView, RecordView } from "@/lib/databases";
import { CREATED, type FieldDef } from "@/lib/databases/constants";
import { saveError } from "./cell-value";
import { clampStep, readWidths, widthsKey } from "./column-widths";
import { gridReducer, initialGrid, shownView, type PendingDelete } from "./grid-state";
import { readView, viewSearch, type GridView } from "./grid-view";

export const PAGE_SIZE = 100;
/** How long a deleted row can be brought back before the server deletes it. */
export const UNDO_MS = 8_000;

const message = (err: unknown) =>
  err instanceof ApiError ? (Object.values(err.fields)[0] ?? err.message) : "The change failed.";

/**
 * The grid's effects around its reducer (grid-state.ts): loading the database and the records of
 * the view, the view in the address bar, saving cells, adding and deleting records (a deletion
 * is sent when its undo time is over, when the page is left, or before the view changes), and
 * column widths in localStorage.
 */
export function useDatabaseGrid(projectId: string, id: string) {
  const url = `/api/projects/${projectId}/databases/${id}`;
  const [s, dispatch] = useReducer(gridReducer, undefined, () =>
    initialGrid(readView(typeof window === "undefined" ? "" : window.location.search)),
  );
  const view = shownView(s);
  const query = JSON.stringify({ ...view, pageSize: PAGE_SIZE });

  useEffect(() => {
    const search = viewSearch(JSON.parse(query) as GridView);
    if (search !== window.location.search)
      window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}`);
  }, [query]);

  // The database (fields, schema history): on open and after every change made here.
  useEffect(() => {
    let live = true;
    api<{ database: DatabaseView }>(url).then(
      ({ database }) => live && dispatch({ type: "loaded", db: database, at: Date.now() }),
      (err: unknown) =>
        live &&
        dispatch({
          type: "loadFailed",
          message: err instanceof ApiError ? err.message : "Could not load the database.",
        }),
    );
    return () => {
      live = false;
    };
  }, [url, s.version]);

  // The records of the view, once the database is known and whenever it or the view changes.
  useEffect(() => {
    if (!s.db) return;
    let live = true;
    api<{ records: RecordView[]; total: number }>(`${url}/records/query`, {
      method: "POST",
      json: JSON.parse(query),
    }).then(
      (r) => live && dispatch({ type: "records", ...r, pageSize: PAGE_SIZE }),
      (err: unknown) => live && dispatch({ type: "queryFailed", message: message(err) }),
    );
    return () => {
      live = false;
    };
  }, [url, s.db, query]);

  useEffect(() => {
    dispatch({ type: "widths", widths: readWidths(window.localStorage.getItem(widthsKey(id))) });
  }, [id]);

  const reload = useCallback(() => dispatch({ type: "reload" }), []);

  /** Deletes on the server what was deleted on screen; if that fails, the row comes back. */
  const commit = useCallback(
    async (p: PendingDelete, keepalive = false) => {
      dispatch({ type: "committed" });
      try {
        await api(`${url}/records/${p.record.id}`, { method: "DELETE", keepalive });
      } catch (err) {
        dispatch({
          type: "failed",
          message: `Row ${p.rowNumber} was not deleted: ${message(err)}`,
        });
        dispatch({ type: "reload" });
      }
    },
    [url],
  );
  useEffect(() => {
    const p = s.pending;
    if (!p) return;
    const timer = window.setTimeout(() => void commit(p), UNDO_MS);
    const leave = () => void commit(p, true);
    // Mobile browsers may kill a backgrounded tab without a pagehide: going hidden commits too.
    const hidden = () => {
      if (document.visibilityState === "hidden") leave();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
    };
  }, [s.pending, commit]);
  // Leaving the page inside the app unmounts the grid: the deletion still happens.
  const pending = useRef<PendingDelete | null>(null);
  useEffect(() => {
    pending.current = s.pending;
  }, [s.pending]);
  useEffect(
    () => () => {
      if (pending.current)
        void fetch(`${url}/records/${pending.current.record.id}`, {
          method: "DELETE",
          keepalive: true,
        });
    },
    [url],
  );

  async function act(fn: () => Promise<unknown>) {
    try {
      await fn();
      dispatch({ type: "failed", message: null });
      reload();
    } catch (err) {
      dispatch({ type: "failed", message: message(err) });
    }
  }

  return {
    s,
    view,
    url,
    dispatch,
    reload,
    /** A new view; a change of filters or sort starts again on page 1. */
    async changeView(next: Partial<GridView>) {
      if (s.pending) await commit(s.pending);
      dispatch({ type: "view", next });
    },
    /** A new record goes last in the default order: show the page it lands on. */
    addRecord: () =>
      act(async () => {
        await api(`${url}/records`, { method: "POST", json: { data: {} } });
        if (view.sort.field === CREATED && view.sort.dir === "asc" && !view.filters.length)
          dispatch({
            type: "view",
            next: { page: Math.max(1, Math.ceil((s.total + 1) / PAGE_SIZE)) },
          });
      }),
    async saveCell(record: RecordView, field: FieldDef, value: unknown) {
      const key = `${record.id}:${field.id}`;
      try {
        const { record: saved } = await api<{ record: RecordView }>(`${url}/records/${record.id}`, {
          method: "PATCH",
          json: { data: { [field.id]: value } },
        });
        dispatch({ type: "saved", record: saved, key });
      } catch (err) {
        const text =
          err instanceof ApiError
            ? saveError(field, err)
            : `${field.name} was not saved: the server could not be reached.`;
        dispatch({ type: "cellError", key, message: text });
      }
    },
    remove(record: RecordView, rowNumber: number) {
      if (s.pending) void commit(s.pending);
      dispatch({ type: "deleted", recordId: record.id, rowNumber });
    },
    commitNow: () => s.pending && void commit(s.pending),
    setWidth(fieldId: string, step: number) {
      const widths = { ...s.widths, [fieldId]: clampStep(step) };
      dispatch({ type: "widths", widths });
      window.localStorage.setItem(widthsKey(id), JSON.stringify(widths));
    },
  };
}
