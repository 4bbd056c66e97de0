import type { DatabaseView, RecordView } from "@/lib/databases";
import { clampStep } from "./column-widths";
import { fitView, type GridView } from "./grid-view";

/*
 * The database grid's state in one reducer, without React or fetch (tests/unit/grid-state.test.ts):
 * the database, the records of the current view, per-cell errors, the open column panel, the last
 * import's outcome, column widths, and a deleted row that can still be undone. A deletion is only
 * sent to the server when its undo time is over (see use-database-grid.ts), so undo restores the
 * very same record — id, position and values.
 */

export interface ImportResult {
  ok: boolean;
  text: string;
  errors?: { row: number; problems: string[] }[];
}

export interface PendingDelete {
  record: RecordView;
  /** Where it was on the page, to put it back there. */
  index: number;
  rowNumber: number;
}

export interface GridState {
  db: DatabaseView | null;
  /** When the database was loaded (ms): "schema changed 5 minutes ago" counts from it. */
  loadedAt: number;
  loadError: string | null;
  /** Bumped to load the database (and so its records) again. */
  version: number;
  view: GridView;
  records: RecordView[];
  total: number;
  loading: boolean;
  queryError: string | null;
  /** An action of the grid (add or delete a record) failed. */
  error: string | null;
  /** By `${recordId}:${fieldId}`. */
  cellErrors: Record<string, string>;
  /** The field whose settings panel is open. */
  column: string | null;
  importResult: ImportResult | null;
  pending: PendingDelete | null;
  /** Width step by field id (column-widths.ts). */
  widths: Record<string, number>;
}

export type GridAction =
  | { type: "loaded"; db: DatabaseView; at: number }
  | { type: "loadFailed"; message: string }
  | { type: "reload" }
  | { type: "view"; next: Partial<GridView> }
  | { type: "records"; records: RecordView[]; total: number; pageSize: number }
  | { type: "queryFailed"; message: string }
  | { type: "saved"; record: RecordView; key: string }
  | { type: "cellError"; key: string; message: string | null }
  | { type: "failed"; message: string | null }
  | { type: "column"; fieldId: string | null }
  | { type: "imported"; result: ImportResult | null }
  | { type: "deleted"; recordId: string; rowNumber: number }
  | { type: "undo" }
  | { type: "committed" }
  | { type: "widths"; widths: Record<string, number> }
  | { type: "width"; fieldId: string; step: number };

export const initialGrid = (view: GridView): GridState => ({
  db: null,
  loadedAt: 0,
  loadError: null,
  version: 0,
  view,
  records: [],
  total: 0,
  loading: true,
  queryError: null,
  error: null,
  cellErrors: {},
  column: null,
  importResult: null,
  pending: null,
  widths: {},
});

/** The view as shown: without filters or a sort that no longer fit the fields. */
export const shownView = (s: GridState): GridView => (s.db ? fitView(s.view, s.db.fields) : s.view);

export function gridReducer(s: GridState, a: GridAction): GridState {
  switch (a.type) {
    case "loaded":
      return { ...s, db: a.db, loadedAt: a.at, loadError: null };
    case "loadFailed":
      return { ...s, loadError: a.message };
    case "reload":
      return { ...s, version: s.version + 1 };
    case "view": // a change of filters or sort starts again on page 1
      return { ...s, loading: true, view: { ...shownView(s), page: 1, ...a.next } };
    case "records": {
      const { page } = shownView(s);
      if (!a.records.length && page > 1 && a.total > 0)
        // the page emptied under us: go to the last
        return { ...s, view: { ...shownView(s), page: Math.ceil(a.total / a.pageSize) } };
      // A row deleted on screen stays hidden until the server has deleted it too.
      const hidden = s.pending && a.records.some((r) => r.id === s.pending!.record.id);
      return {
        ...s,
        records: hidden ? a.records.filter((r) => r.id !== s.pending!.record.id) : a.records,
        total: hidden ? a.total - 1 : a.total,
        queryError: null,
        loading: false,
      };
    }
    case "queryFailed":
      return { ...s, queryError: a.message, records: [], total: 0, loading: false };
    case "saved": {
      const { [a.key]: _cleared, ...cellErrors } = s.cellErrors;
      const records = s.records.map((r) => (r.id === a.record.id ? a.record : r));
      return { ...s, records, cellErrors };
    }
    case "cellError": {
      const { [a.key]: _old, ...rest } = s.cellErrors;
      return { ...s, cellErrors: a.message === null ? rest : { ...rest, [a.key]: a.message } };
    }
    case "failed":
      return { ...s, error: a.message };
    case "column":
      return { ...s, column: a.fieldId };
    case "imported":
      return { ...s, importResult: a.result };
    case "deleted": {
      const index = s.records.findIndex((r) => r.id === a.recordId);
      if (index === -1) return s;
      return {
        ...s,
        records: s.records.filter((_, i) => i !== index),
        total: s.total - 1,
        pending: { record: s.records[index]!, index, rowNumber: a.rowNumber },
      };
    }
    case "undo": {
      if (!s.pending) return s;
      const { record, index } = s.pending;
      const records = [...s.records];
      records.splice(Math.min(index, records.length), 0, record);
      return { ...s, records, total: s.total + 1, pending: null };
    }
    case "committed":
      return { ...s, pending: null };
    case "widths":
      return { ...s, widths: a.widths };
    case "width":
      return { ...s, widths: { ...s.widths, [a.fieldId]: clampStep(a.step) } };
  }
}
