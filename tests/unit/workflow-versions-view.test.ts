import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { diffGraphs, type DiffGraph } from "@/lib/workflows/diff";
import {
  diffRows,
  formatValue,
  MAX_VALUE_CHARS,
  versionName,
} from "@/components/workflows/versions/diff-model";
import { DiffView } from "@/components/workflows/versions/diff-view";
import { VersionList, type VersionSummary } from "@/components/workflows/versions/version-list";
import { VersionsPanel } from "@/components/workflows/versions/versions-panel";
import { PublishDialog } from "@/components/workflows/versions/publish-dialog";

// The versions panel's pure parts (the diff as rows) and its markup, rendered on the server: the
// editor that opens the panel is not in this branch, so no browser test reaches it yet.

const before: DiffGraph = {
  nodes: [
    { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { inputs: [] } },
    { id: "ask", type: "llm", label: "Ask", position: { x: 0, y: 100 }, config: { prompt: "Hi" } },
    { id: "old", type: "transform", position: { x: 9, y: 9 }, config: { expression: '"x"' } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "ask" },
    { id: "e2", source: "trigger", target: "old" },
  ],
};
const after: DiffGraph = {
  nodes: [
    { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { inputs: [] } },
    {
      id: "ask",
      type: "llm",
      label: "Ask",
      position: { x: 0, y: 100 },
      config: { prompt: "Hello" },
    },
    { id: "review", type: "approval", position: { x: 5, y: 5 }, config: { role: "editor" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "ask" },
    { id: "e3", source: "ask", target: "review", sourceHandle: "out" },
  ],
};

describe("diff rows", () => {
  it("lists nodes removed, added and changed (field by field, old → new), then connections", () => {
    expect(diffRows(diffGraphs(before, after))).toEqual([
      {
        key: "node-removed-old",
        kind: "removed",
        what: "node",
        title: "old (transform)",
        fields: [{ path: "config", kind: "removed", before: '{"expression":"\\"x\\""}' }],
      },
      {
        key: "node-added-review",
        kind: "added",
        what: "node",
        title: "review (approval)",
        fields: [{ path: "config", kind: "added", after: '{"role":"editor"}' }],
      },
      {
        key: "node-changed-ask",
        kind: "changed",
        what: "node",
        title: "ask (llm)",
        fields: [{ path: "config.prompt", kind: "changed", before: '"Hi"', after: '"Hello"' }],
      },
      { key: "edge-removed-e2", kind: "removed", what: "edge", title: "trigger → old", fields: [] },
      {
        key: "edge-added-e3",
        kind: "added",
        what: "edge",
        title: "ask → review (out)",
        fields: [],
      },
    ]);
  });

  it("names a type change and a changed connection; nothing changed is no rows", () => {
    const a = {
      nodes: [{ id: "n", type: "llm", config: {} }],
      edges: [{ id: "e", source: "n", target: "m" }],
    };
    const b = {
      nodes: [{ id: "n", type: "http", config: {} }],
      edges: [{ id: "e", source: "n", target: "k" }],
    };
    expect(diffRows(diffGraphs(a, b))).toEqual([
      {
        key: "node-changed-n",
        kind: "changed",
        what: "node",
        title: "n (http)",
        fields: [{ path: "type", kind: "changed", before: '"llm"', after: '"http"' }],
      },
      {
        key: "edge-changed-e",
        kind: "changed",
        what: "edge",
        title: "Connection e",
        fields: [{ path: "target", kind: "changed", before: '"m"', after: '"k"' }],
      },
    ]);
    expect(diffRows(diffGraphs(a, a))).toEqual([]);
  });

  it.each([
    ["text", "a", '"a"'],
    ["number", 3, "3"],
    ["object", { b: [1, null] }, '{"b":[1,null]}'],
    ["nothing", undefined, "—"],
    [
      "a cycle",
      (() => {
        const o: { o?: unknown } = {};
        o.o = o;
        return o;
      })(),
      "[object Object]",
    ],
  ])("formats %s as one line", (_what, value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  it("cuts a long value with an ellipsis", () => {
    const text = formatValue("x".repeat(1000));
    expect(text).toHaveLength(MAX_VALUE_CHARS);
    expect(text.endsWith("…")).toBe(true);
  });

  it("calls version 0 the draft", () => {
    expect([versionName(0), versionName(3)]).toEqual(["Draft", "Version 3"]);
  });
});

const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);

describe("versions panel markup", () => {
  it("shows the diff in green (added), red (removed) and old → new for changed fields", () => {
    const out = html(
      createElement(DiffView, {
        diff: diffGraphs(before, after),
        fromName: "Version 1",
        toName: "Draft",
      }),
    );
    expect(out).toContain("Version 1 → Draft:");
    expect(out).toContain("1 node added, 1 removed, 1 changed; 1 edge added, 1 removed");
    expect(out).toMatch(/data-kind="added" class="[^"]*emerald/);
    expect(out).toMatch(/data-kind="removed" class="[^"]*red/);
    expect(out).toMatch(/<del[^>]*>&quot;Hi&quot;<\/del>.*→.*<ins[^>]*>&quot;Hello&quot;<\/ins>/);
    expect(out).toContain("Node removed");
    expect(out).toContain("Connection added");
  });

  const versions: VersionSummary[] = [
    {
      number: 2,
      message: "Ask nicer",
      graphHash: "h2",
      authorId: "u2",
      author: { email: "ed@example.com", name: "" },
      createdAt: "2026-01-01T10:00:00.000Z",
    },
    {
      number: 1,
      message: "",
      graphHash: "h1",
      authorId: null,
      author: null,
      createdAt: "2026-01-01T08:00:00.000Z",
    },
  ];
  const list = (canEdit: boolean) =>
    html(
      createElement(VersionList, {
        versions,
        published: 2,
        canEdit,
        now: Date.parse("2026-01-01T12:00:00.000Z"),
        onCompare: vi.fn(),
        onRestore: vi.fn(),
      }),
    );

  it("lists versions newest first with message, author, time ago and the live one marked", () => {
    const out = list(true);
    expect(out.indexOf("Version 2")).toBeLessThan(out.indexOf("Version 1"));
    expect(out).toContain("Ask nicer");
    expect(out).toContain("No message");
    expect(out).toContain("by ed@example.com");
    expect(out).toContain("by a deleted user");
    expect(out).toContain("2 hours ago");
    expect(out).toContain("4 hours ago");
    expect(out.match(/>Live</g)).toHaveLength(1);
    expect(out.match(/Restore version \d into the draft/g)).toHaveLength(2);
  });

  it("offers Restore to editors only", () => {
    expect(list(false)).not.toContain("Restore");
    expect(list(false)).toContain("Compare version 1 with the draft");
  });

  it("starts the panel loading, and the publish dialog with a refusal while the draft has problems", () => {
    const panel = html(
      createElement(VersionsPanel, {
        workflowId: "w",
        canEdit: true,
        onRestored: vi.fn(),
        onClose: vi.fn(),
      }),
    );
    expect(panel).toContain("Version history");
    expect(panel).toContain("Loading versions…");
    const blocked = html(
      createElement(PublishDialog, {
        workflowId: "w",
        issueCount: 2,
        onPublished: vi.fn(),
        onClose: vi.fn(),
      }),
    );
    expect(blocked).toContain("The draft has 2 problems. Fix them first");
    expect(blocked).toMatch(/<button type="submit" disabled=""/);
    const ok = html(
      createElement(PublishDialog, {
        workflowId: "w",
        issueCount: 0,
        onPublished: vi.fn(),
        onClose: vi.fn(),
      }),
    );
    expect(ok).not.toContain("problem");
    expect(ok).toMatch(/<label for="[^"]+-message"[^>]*>Message<\/label>/);
    expect(ok).not.toMatch(/<button type="submit" disabled=""/);
    // The canvas not saved yet: publishing waits (it would publish an older draft).
    const unsaved = html(
      createElement(PublishDialog, {
        workflowId: "w",
        issueCount: 0,
        saved: false,
        onPublished: vi.fn(),
        onClose: vi.fn(),
      }),
    );
    expect(unsaved).toContain("Saving the latest changes first");
    expect(unsaved).toMatch(/<button type="submit" disabled=""/);
  });
});
