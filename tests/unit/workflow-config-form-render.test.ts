import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  NodeConfigForm,
  type NodeConfigFormProps,
} from "@/components/workflows/config-form/node-config-form";
import { NODE_TYPES } from "@/lib/workflows/nodes";

// The form as the server renders it: labelled controls, help and errors tied by aria-describedby.
function render(
  type: string,
  config: Record<string, unknown>,
  more: Partial<NodeConfigFormProps> = {},
) {
  return renderToStaticMarkup(
    createElement(NodeConfigForm, {
      node: { id: "n1", type, config },
      upstream: [],
      issues: [],
      readOnly: false,
      onChange: () => {},
      idPrefix: "f",
      ...more,
    }),
  );
}

const attrs = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))].map((m) => m[1]!);
const attr = (a: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(a)?.[1];
const ids = (html: string) => new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!));

/** Every control has a label for it, and every id it is described by exists. */
function expectAccessible(html: string) {
  const all = ids(html);
  const labelled = new Set(attrs(html, "label").map((a) => attr(a, "for")));
  for (const tag of ["input", "select", "textarea"])
    for (const a of attrs(html, tag)) {
      const id = attr(a, "id");
      expect(id, `${tag} ${a}`).toBeTruthy();
      expect(labelled.has(id), `label for ${id}`).toBe(true);
      for (const ref of (attr(a, "aria-describedby") ?? "").split(" ").filter(Boolean))
        expect(all.has(ref), `${id} → ${ref}`).toBe(true);
    }
  for (const a of attrs(html, "label")) expect(all.has(attr(a, "for")!), a).toBe(true);
}

describe("NodeConfigForm markup", () => {
  it("http: a labelled field per config key, typed controls, defaults shown", () => {
    const html = render("http", {
      url: "https://example.com/{{ fetch.body }}",
      headers: { "X-Token": "{{ trigger.topic }}" },
    });
    expectAccessible(html);
    expect(html).toMatch(/<label for="f-url"[^>]*>URL<\/label>/);
    expect(html).toMatch(/<input[^>]*id="f-url"[^>]*role="combobox"/);
    expect(html).toMatch(/id="f-url"[^>]*aria-describedby="f-url-hint"/);
    expect(html).toContain('id="f-url-hint"');
    expect(html).toMatch(/<select[^>]*id="f-method"/);
    expect(html).toMatch(/<option value="0" selected="">GET \(default\)<\/option>/);
    const timeout = attrs(html, "input").find((a) => a.includes('id="f-timeoutMs"'))!;
    expect(timeout).toMatch(/type="number"[^]*min="100"[^]*max="120000"[^]*step="1"/);
    expect(html).toContain('placeholder="15000 (default)"');
    const fail = attrs(html, "input").find((a) => a.includes('id="f-failOnStatus"'))!;
    expect(fail).toMatch(/type="checkbox"/);
    expect(fail).toMatch(/checked=""/);
    expect(html).toContain('value="X-Token"');
    expect(html).toContain("{{ trigger.topic }}");
    expect(html).toMatch(/<textarea[^>]*id="f-body"/);
    expect(html).toContain(">Add header</button>");
  });

  it.each(NODE_TYPES)("%s renders with an empty config, every control labelled", (type) => {
    const html = render(type, {});
    expectAccessible(html);
    expect(html).toContain(`data-node-type="${type}"`);
  });

  it("shows zod's problem next to its field as you type, tied by aria-describedby", () => {
    const html = render("condition", { expression: "" });
    expect(html).toMatch(
      /id="f-expression"[^>]*aria-describedby="f-expression-hint f-expression-error"/,
    );
    expect(html).toMatch(/id="f-expression"[^>]*aria-invalid="true"/);
    expect(html).toContain('<p id="f-expression-error" role="alert"');
    expect(html).toContain("Expression is required.");
  });

  it("places GraphIssues on their fields, and the rest on top", () => {
    const html = render(
      "llm",
      { prompt: "Hi {{ x }}" },
      {
        issues: [
          {
            code: "unknown_variable",
            nodeId: "n1",
            field: "config.prompt",
            message: 'reads "x", which no upstream node produces',
          },
          { code: "unreachable", nodeId: "n1", message: "Nothing leads to this node." },
        ],
      },
    );
    expect(html).toMatch(
      /id="f-prompt-error"[^>]*>Prompt: Reads &quot;x&quot;, which no upstream node produces\.<\/p>/,
    );
    expect(html.indexOf("Nothing leads to this node.")).toBeLessThan(
      html.indexOf('for="f-prompt"'),
    );
  });

  it("lists rows of an array with their own fields and buttons", () => {
    const html = render("switch", {
      cases: [
        { id: "a", label: "", expression: "x" },
        { id: "b", expression: "y" },
      ],
    });
    expectAccessible(html);
    expect(html).toContain('id="f-cases_460_46expression"');
    expect(html).toContain('aria-label="Move case 2 up"');
    expect(html).toContain(">Add case</button>");
  });

  it("read-only: controls read-only or disabled, no add, move or remove", () => {
    const html = render("switch", { cases: [{ id: "a", expression: "x" }] }, { readOnly: true });
    expect(html).not.toMatch(/<button/);
    for (const a of attrs(html, "input")) expect(a).toMatch(/readOnly=""|disabled=""/);
    const trig = render("trigger", { webhook: { auth: "hmac" } }, { readOnly: true });
    for (const a of [...attrs(trig, "input"), ...attrs(trig, "select")])
      expect(a).toMatch(/readOnly=""|disabled=""/);
  });

  it("an unknown type says so instead of a form", () => {
    expect(render("nope", {})).toContain("is unknown");
  });
});
