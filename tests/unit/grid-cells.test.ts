import { describe, expect, it } from "vitest";
import { nextBoolean, parseCell, saveError, showValue } from "@/components/databases/cell-value";
import { nearestStep, readWidths, stepOf, WIDTH_STEPS } from "@/components/databases/column-widths";
import { schemaHistory } from "@/components/databases/grid-text";
import { timeAgo } from "@/components/lib/time-ago";
import { schemaErrors } from "@/components/databases/schema-errors";
import { ApiError } from "@/components/lib/api";

const meta = { id: "f_meta", name: "Meta", type: "json" as const };
const qty = { id: "f_qty", name: "Qty", type: "number" as const };

describe("grid cells: what is typed, what is saved, what is said", () => {
  it("a json cell saves JSON and refuses text that does not parse, with the parser's reason", () => {
    expect(parseCell(meta, '{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseCell(meta, '"hello"')).toEqual({ ok: true, value: "hello" });
    expect(parseCell(meta, "  ")).toEqual({ ok: true, value: null });
    const bad = parseCell(meta, '{"a": ');
    expect(bad).toEqual({
      ok: false,
      message: expect.stringMatching(/^Meta is not valid JSON \(.+\)$/),
    });
    expect(parseCell(meta, "hello")).toMatchObject({ ok: false });
    expect(showValue(meta, "hello")).toBe('"hello"');
  });

  it("a number cell refuses what is not a number, naming the field", () => {
    expect(parseCell(qty, " 4.5 ")).toEqual({ ok: true, value: 4.5 });
    expect(parseCell(qty, "many")).toEqual({ ok: false, message: "Qty must be a number" });
  });

  it("booleans have three states: empty → true → false → empty (required: no empty)", () => {
    expect([undefined, null, true, false].map((v) => nextBoolean(v, false))).toEqual([
      true,
      true,
      false,
      null,
    ]);
    expect(nextBoolean(false, true)).toBe(true);
  });

  it("the server's refusal of a cell names the field; a clash keeps the server's sentence", () => {
    const refused = new ApiError(422, "validation", "Invalid input", {
      "data.f_qty": "must be a number",
    });
    expect(saveError(qty, refused)).toBe("Qty must be a number");
    const clash = new ApiError(409, "conflict", "Another record already has Qty = 4.", {
      "data.f_qty": "must be unique",
    });
    expect(saveError(qty, clash)).toBe("Another record already has Qty = 4.");
  });

  it("schema refusals go next to the input they are about", () => {
    const err = new ApiError(422, "validation", "Invalid input", {
      "field.name": '"Age" is already a field of this database',
      "field.options": "are required for a select field",
    });
    expect(schemaErrors(err, "Field name")).toEqual({
      name: 'Field name: "Age" is already a field of this database',
      options: "Options are required for a select field",
    });
    expect(
      schemaErrors(
        new ApiError(
          422,
          "validation",
          "3 of 4 records cannot become number; nothing was changed.",
        ),
        "Column name",
      ),
    ).toEqual({
      form: "3 of 4 records cannot become number; nothing was changed.",
    });
    expect(
      schemaErrors(
        new ApiError(422, "validation", "x", { field: "a database has at most 100 fields" }),
        "Field name",
      ),
    ).toEqual({
      form: "A database has at most 100 fields",
    });
  });
});

describe("grid columns and wording", () => {
  it("widths snap to steps; stored widths are read defensively", () => {
    expect(WIDTH_STEPS[nearestStep(324)]!.px).toBe(320);
    expect(WIDTH_STEPS[stepOf({}, { id: "f", type: "text" })]!.px).toBe(224);
    expect(WIDTH_STEPS[stepOf({}, { id: "f", type: "boolean" })]!.px).toBe(128);
    expect(readWidths('{"f_a": 3, "f_b": "wide", "f_c": 40}')).toEqual({ f_a: 3, f_c: 10 });
    expect(readWidths("not json")).toEqual({});
    expect(readWidths("[1]")).toEqual({});
  });

  it("the schema's history in words, not a version number", () => {
    const now = Date.parse("2026-03-10T12:00:00Z");
    expect(schemaHistory(1, "2026-03-10T11:00:00Z", now)).toBe(
      "Schema not changed since it was created",
    );
    expect(schemaHistory(2, "2026-03-10T11:59:50Z", now)).toBe(
      "Schema changed 1 time, last just now",
    );
    expect(schemaHistory(10, "2026-03-10T11:55:00Z", now)).toBe(
      "Schema changed 9 times, last 5 minutes ago",
    );
    expect(timeAgo("2026-03-07T12:00:00Z", now)).toBe("3 days ago");
    expect(timeAgo("2025-03-10T12:00:00Z", now)).toBe("1 year ago");
  });
});
