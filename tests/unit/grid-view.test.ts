import { describe, expect, it } from "vitest";
import { readView, viewSearch } from "@/components/databases/grid-view";

describe("the database grid's view in the address bar", () => {
  it("round-trips filters, sort and page; the default view is a bare address", () => {
    const view = {
      filters: [
        { field: "f_a", op: "gte" as const, value: 5 },
        { field: "f_b", op: "is_empty" as const },
        { field: "f_c", op: "equals" as const, value: "a&b=c" },
      ],
      sort: { field: "f_a", dir: "desc" as const },
      page: 3,
    };
    expect(readView(viewSearch(view))).toEqual(view);
    expect(viewSearch({ filters: [], sort: { field: "created_at", dir: "asc" }, page: 1 })).toBe(
      "",
    );
    expect(readView("")).toEqual({
      filters: [],
      sort: { field: "created_at", dir: "asc" },
      page: 1,
    });
  });

  it("ignores what a hand-edited or truncated link gets wrong", () => {
    expect(readView("?filters=%5B%7B%22fie&sort=f_a:sideways&page=-4")).toEqual({
      filters: [],
      sort: { field: "created_at", dir: "asc" },
      page: 1,
    });
    expect(
      readView(
        `?filters=${encodeURIComponent(
          JSON.stringify([
            { field: 1, op: "equals" },
            { field: "f_a", op: "equals", value: { x: 1 } },
            { field: "f_b", op: "not_empty" },
          ]),
        )}&page=99999999`,
      ),
    ).toEqual({
      filters: [{ field: "f_b", op: "not_empty" }],
      sort: { field: "created_at", dir: "asc" },
      page: 100_000,
    });
  });
});
