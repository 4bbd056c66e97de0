import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { assertStorableJson, MAX_JSON_DEPTH } from "@/lib/text-guard";

const nested = (levels: number): unknown => {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = { c: [v] };
  return v;
};
const issue = (value: unknown, options = {}) => {
  try {
    assertStorableJson(value, options);
    return null;
  } catch (err) {
    return (err as AppError).details?.fields?.[0] ?? null;
  }
};

describe("assertStorableJson", () => {
  it("accepts up to MAX_JSON_DEPTH levels and refuses the next, naming where", () => {
    const depthOf = (levels: number) => nested(levels); // each level is an object and an array
    expect(issue(depthOf(MAX_JSON_DEPTH / 2 - 1))).toBeNull();
    const deep = issue(depthOf(MAX_JSON_DEPTH / 2 + 1));
    expect(deep?.code).toBe("too_deep");
    expect(deep?.field.startsWith("c.0.c.0.c.0")).toBe(true);
  });

  it("names the first bad value or key in document order, with the prefix", () => {
    expect(issue({ a: "fine", b: ["x", "bad\u0000"] }, { prefix: ["data"] })).toMatchObject({
      field: "data.b.1",
      code: "invalid_text",
    });
    expect(issue({ ok: 1, ["k\ud800"]: 2 })).toMatchObject({
      field: "k\ud800",
      code: "invalid_text",
    });
    expect(issue("\udfff")).toMatchObject({ field: "", code: "invalid_text" });
    expect(issue({ a: "\u0000" }, { strings: false })).toBeNull(); // the caller knows there are none
  });

  it("walks sparse arrays, __proto__ keys and very wide values without a deep stack", () => {
    expect(issue([, , "ok"])).toBeNull();
    expect(issue(JSON.parse('{"__proto__": {"x": "\\u0000"}}'))).toMatchObject({
      field: "__proto__.x",
    });
    const wide = new Array(1_000_000).fill(0);
    wide.push("bad\u0000");
    expect(issue(wide)).toMatchObject({ field: "1000000" });
  });

  it("keeps a long path's start and end in the field, never the whole of it", () => {
    const { field } = issue(nested(MAX_JSON_DEPTH))!;
    expect(field.split(".").length).toBe(40);
    expect(field).toMatch(/^c\.0\.c\.0.*…\(\d+ more\)….*c\.0$/);
  });
});
