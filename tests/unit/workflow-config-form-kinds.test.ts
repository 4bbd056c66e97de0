import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  describeSchema,
  type FieldDescriptor,
} from "@/components/workflows/config-form/describe-schema";
import { ObjectFields } from "@/components/workflows/config-form/collection-fields";
import { FormContext } from "@/components/workflows/config-form/form-context";

// The kinds no node config uses today (primitive lists, unions, nullables) still render.
const schema = z.object({
  tags: z.array(z.string().min(1)).max(3).describe("Labels"),
  auth: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("none") }),
      z.object({ kind: z.literal("token"), token: z.string().min(1).describe("The secret") }),
    ])
    .describe("How to sign in"),
  size: z.union([z.literal("s"), z.literal("m")]).nullable(),
});
const root = describeSchema(schema) as Extract<FieldDescriptor, { kind: "object" }>;

function render(value: Record<string, unknown>, readOnly = false) {
  return renderToStaticMarkup(
    createElement(
      FormContext.Provider,
      {
        value: {
          idPrefix: "k",
          readOnly,
          upstream: [],
          problems: new Map([["auth.token", ["Token is required."]]]),
        },
      },
      createElement(ObjectFields, { fields: root.fields, path: "", value, onChange: () => {} }),
    ),
  );
}

describe("generic field kinds", () => {
  it("a list of strings: one labelled input per item, with move and remove", () => {
    const html = render({ tags: ["a", "b"], auth: { kind: "none" } });
    expect(html).toMatch(/<label for="k-tags_460"[^>]*>Tag 1<\/label>/);
    expect(html).toContain('value="b"');
    expect(html).toContain('aria-label="Remove tag 2"');
    expect(html).toContain(">Add tag</button>");
  });

  it("a discriminated union: the variant select, then that variant's fields", () => {
    const html = render({ tags: [], auth: { kind: "token", token: "" } });
    expect(html).toMatch(/<select id="k-auth"[^>]*>/);
    expect(html).toMatch(/<option value="1" selected="">token<\/option>/);
    expect(html).toMatch(/<label for="k-auth_46token"[^>]*>Token<\/label>/);
    expect(html).toContain("Token is required.");
    expect(html).toContain("How to sign in");
    expect(render({ tags: [], auth: { kind: "none" } })).not.toContain('for="k-auth_46token"');
  });

  it("a nullable literal union: a select with a none choice", () => {
    const html = render({ tags: [], auth: { kind: "none" }, size: null });
    expect(html).toMatch(
      /<select id="k-size"[^>]*><option value="" selected="">Not set<\/option><option value="0">s<\/option>/,
    );
  });

  it("read-only: no add, move or remove", () => {
    expect(render({ tags: ["a"], auth: { kind: "none" } }, true)).not.toContain("<button");
  });
});
