import { describe, expect, it } from "vitest";
import { opsFor } from "@/components/databases/grid-view";
import type { FieldDef } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { filterCondition } from "@/lib/databases/query";
import { FIELD_TYPES, FILTER_OPS, FILTER_OPS_BY_TYPE } from "@/lib/databases/schemas";

// The grid offers FILTER_OPS_BY_TYPE; the record query must accept exactly that, per type.
// filterCondition only builds a condition (no database): it throws the API's 422 or returns.
const VALUES = { text: "x", json: "1", select: "a", number: 5, date: "2026-02-01", boolean: true };
const field = (type: FieldDef["type"]): FieldDef => ({
  id: "f_1",
  name: "F",
  type,
  required: false,
  unique: false,
  ...(type === "select" && { options: ["a", "b"] }),
});
function serverAnswer(type: FieldDef["type"], op: (typeof FILTER_OPS)[number]) {
  const value = op === "is_empty" || op === "not_empty" ? undefined : VALUES[type];
  try {
    filterCondition(field(type), { field: "f_1", op, value }, "filters.0");
    return "accepted";
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "validation") throw err;
    return err.details?.fields;
  }
}

describe("filter operators: the grid's table and the server agree", () => {
  it.each(FIELD_TYPES.flatMap((type) => FILTER_OPS.map((op) => [type, op] as const)))(
    "%s %s",
    (type, op) => {
      const offered = opsFor(field(type)).some(([o]) => o === op);
      const answer = serverAnswer(type, op);
      if (offered) expect(answer).toBe("accepted");
      else expect(answer).toEqual([{ field: "filters.0.op", message: expect.any(String) }]);
    },
  );

  it("refuses with the messages clients match, each naming exactly the types that have the op", () => {
    expect(serverAnswer("number", "contains")).toEqual([
      { field: "filters.0.op", message: "contains is for text, select, date and json fields" },
    ]);
    expect(serverAnswer("text", "gte")).toEqual([
      { field: "filters.0.op", message: "range filters are for number and date fields" },
    ]);
    const typesWith = (op: string) =>
      FIELD_TYPES.filter((t) => FILTER_OPS_BY_TYPE[t].some(([o]) => o === op)).sort();
    const named = (message: string) =>
      FIELD_TYPES.filter((t) => new RegExp(`\\b${t}\\b`).test(message)).sort();
    for (const op of FILTER_OPS) {
      const refusedBy = FIELD_TYPES.find((t) => !typesWith(op).includes(t));
      if (!refusedBy) continue; // every type has it
      const [issue] = serverAnswer(refusedBy, op) as { message: string }[];
      expect(named(issue!.message), `${op}: ${issue!.message}`).toEqual(typesWith(op));
    }
  });

  it("gives every type a default operator and labels every operator it offers", () => {
    for (const type of FIELD_TYPES) {
      expect(FILTER_OPS_BY_TYPE[type].length).toBeGreaterThan(0);
      for (const [op, label] of FILTER_OPS_BY_TYPE[type]) {
        expect(FILTER_OPS).toContain(op);
        expect(label.trim()).not.toBe("");
      }
    }
  });
});
