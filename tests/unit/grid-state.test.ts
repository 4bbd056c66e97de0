import { describe, expect, it } from "vitest";
import { gridReducer, initialGrid, type GridState } from "@/components/databases/grid-state";
import type { DatabaseView, RecordView } from "@/lib/databases";

const db: DatabaseView = {
  id: "d",
  projectId: "p",
  name: "Crew",
  description: "",
  fields: [{ id: "f_name", name: "Name", type: "text", required: false, unique: false }],
  schemaVersion: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};
const rec = (id: string): RecordView => ({
  id,
  data: { f_name: id },
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});
const view = { filters: [], sort: { field: "created_at", dir: "asc" as const }, page: 1 };
const loaded = (records: RecordView[], total = records.length): GridState =>
  gridReducer(gridReducer(initialGrid(view), { type: "loaded", db, at: 0 }), {
    type: "records",
    records,
    total,
    pageSize: 100,
  });

describe("the database grid's state", () => {
  it("a deleted row leaves the page at once and undo puts the same record back where it was", () => {
    const s = loaded([rec("a"), rec("b"), rec("c")]);
    const deleted = gridReducer(s, { type: "deleted", recordId: "b", rowNumber: 2 });
    expect(deleted.records.map((r) => r.id)).toEqual(["a", "c"]);
    expect(deleted.total).toBe(2);
    expect(deleted.pending).toEqual({ record: rec("b"), index: 1, rowNumber: 2 });
    const undone = gridReducer(deleted, { type: "undo" });
    expect(undone.records).toEqual(s.records);
    expect(undone.total).toBe(3);
    expect(undone.pending).toBeNull();
    expect(gridReducer(deleted, { type: "committed" })).toMatchObject({ pending: null, total: 2 });
  });

  it("records loaded while a deletion waits keep that row hidden, and the count right", () => {
    const deleted = gridReducer(loaded([rec("a"), rec("b")]), {
      type: "deleted",
      recordId: "a",
      rowNumber: 1,
    });
    const again = gridReducer(deleted, {
      type: "records",
      records: [rec("a"), rec("b"), rec("new")],
      total: 3,
      pageSize: 100,
    });
    expect(again.records.map((r) => r.id)).toEqual(["b", "new"]);
    expect(again.total).toBe(2);
    expect(gridReducer(again, { type: "undo" }).records.map((r) => r.id)).toEqual([
      "a",
      "b",
      "new",
    ]);
  });

  it("cell errors are kept per cell and cleared by a save", () => {
    const s = gridReducer(loaded([rec("a")]), {
      type: "cellError",
      key: "a:f_name",
      message: "Name is required",
    });
    expect(s.cellErrors).toEqual({ "a:f_name": "Name is required" });
    expect(
      gridReducer(s, { type: "cellError", key: "a:f_name", message: null }).cellErrors,
    ).toEqual({});
    const saved = gridReducer(s, {
      type: "saved",
      key: "a:f_name",
      record: { ...rec("a"), data: { f_name: "x" } },
    });
    expect(saved.cellErrors).toEqual({});
    expect(saved.records[0]!.data).toEqual({ f_name: "x" });
  });

  it("a new filter or sort starts on page 1; a page that emptied goes to the last page", () => {
    const s = gridReducer(loaded([rec("a")], 250), { type: "view", next: { page: 3 } });
    expect(s.view.page).toBe(3);
    expect(s.loading).toBe(true);
    expect(
      gridReducer(s, { type: "view", next: { sort: { field: "f_name", dir: "desc" } } }).view.page,
    ).toBe(1);
    const emptied = gridReducer(s, { type: "records", records: [], total: 150, pageSize: 100 });
    expect(emptied.view.page).toBe(2);
  });

  it("column widths are clamped to the steps", () => {
    const s = gridReducer(loaded([]), { type: "width", fieldId: "f_name", step: 99 });
    expect(s.widths.f_name).toBe(10);
    expect(gridReducer(s, { type: "width", fieldId: "f_name", step: -3 }).widths.f_name).toBe(0);
  });
});
