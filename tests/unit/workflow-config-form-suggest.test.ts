import { describe, expect, it } from "vitest";
import { applySuggestion, candidates, suggestAt } from "@/components/workflows/config-form/suggest";
import type { UpstreamVar } from "@/components/workflows/types";

const UP: UpstreamVar[] = [
  { name: "trigger", type: "trigger", label: "Trigger", fields: ["topic"] },
  { name: "fetch", type: "http", label: "Fetch page", fields: ["status", "body"] },
  { name: "item", type: "iterate", label: "item", fields: [] },
];
const values = (l: ReturnType<typeof suggestAt>) => l?.items.map((i) => i.value);

describe("candidates", () => {
  it("lists each variable, then name.field, with its label and type", () => {
    expect(candidates(UP)).toEqual([
      { value: "trigger", detail: "Trigger (trigger)" },
      { value: "trigger.topic", detail: "Trigger (trigger)" },
      { value: "fetch", detail: "Fetch page (http)" },
      { value: "fetch.status", detail: "Fetch page (http)" },
      { value: "fetch.body", detail: "Fetch page (http)" },
      { value: "item", detail: "iterate" },
    ]);
  });
});

describe("suggestAt in a template", () => {
  it("offers everything right after {{", () => {
    const l = suggestAt("Hi {{", 5, "template", UP);
    expect(l).toMatchObject({ from: 5, to: 5, query: "" });
    expect(values(l)).toHaveLength(6);
    expect(values(suggestAt("Hi {{ ", 6, "template", UP))).toHaveLength(6);
  });

  it("filters by the identifier typed, prefix first, then contains", () => {
    expect(values(suggestAt("{{ fe", 5, "template", UP))).toEqual([
      "fetch",
      "fetch.status",
      "fetch.body",
    ]);
    expect(values(suggestAt("{{ fetch.s", 10, "template", UP))).toEqual(["fetch.status"]);
    expect(values(suggestAt("{{ body", 7, "template", UP))).toEqual(["fetch.body"]);
  });

  it("offers nothing outside a placeholder or in a string literal", () => {
    expect(suggestAt("plain fe", 8, "template", UP)).toBeNull();
    expect(suggestAt("{{ fetch }} fe", 14, "template", UP)).toBeNull();
    expect(suggestAt('{{ "fe', 6, "template", UP)).toBeNull();
    expect(suggestAt("{{ zz", 5, "template", UP)).toBeNull();
    expect(suggestAt("{", 1, "template", UP)).toBeNull();
  });

  it("replaces the whole identifier under the cursor", () => {
    const l = suggestAt("{{ fe }}", 5, "template", UP)!;
    expect(l).toMatchObject({ from: 3, to: 5 });
    expect(suggestAt("{{ fexyz }}", 5, "template", UP)).toMatchObject({ from: 3, to: 8 });
  });
});

describe("suggestAt in an expression", () => {
  it("opens once an identifier is started, anywhere in the expression", () => {
    expect(suggestAt("", 0, "expression", UP)).toBeNull();
    expect(values(suggestAt("size(fe", 7, "expression", UP))).toEqual([
      "fetch",
      "fetch.status",
      "fetch.body",
    ]);
    expect(values(suggestAt("fetch.status == 200 && tr", 25, "expression", UP))).toEqual([
      "trigger",
      "trigger.topic",
    ]);
  });

  it("not in the middle of a number or a string", () => {
    expect(suggestAt("1fe", 3, "expression", UP)).toBeNull();
    expect(suggestAt('"fe', 3, "expression", UP)).toBeNull();
    expect(values(suggestAt('"a" + fe', 8, "expression", UP))).toContain("fetch");
  });
});

describe("applySuggestion", () => {
  it("in a template: fills the placeholder and closes it", () => {
    const t = "Hi {{";
    expect(applySuggestion(t, suggestAt(t, 5, "template", UP)!, "fetch.body", "template")).toEqual({
      text: "Hi {{ fetch.body }}",
      cursor: 19,
    });
    const u = "Hi {{ fe }} there";
    expect(applySuggestion(u, suggestAt(u, 8, "template", UP)!, "fetch", "template")).toEqual({
      text: "Hi {{ fetch }} there",
      cursor: 11,
    });
  });

  it("in an expression: replaces the identifier only", () => {
    const t = "size(fe) > 0";
    expect(
      applySuggestion(t, suggestAt(t, 7, "expression", UP)!, "fetch.body", "expression"),
    ).toEqual({
      text: "size(fetch.body) > 0",
      cursor: 15,
    });
  });
});
