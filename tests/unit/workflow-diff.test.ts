import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  diffGraphs,
  MAX_DIFF_DEPTH,
  type DiffEdge,
  type DiffGraph,
  type DiffNode,
  type FieldChange,
  type GraphDiff,
} from "@/lib/workflows/diff";

interface TestNode extends DiffNode {
  config: Record<string, unknown>;
  retry?: { attempts: number };
}

function node(id: string, extra: Partial<TestNode> = {}): TestNode {
  return { id, type: "http", position: { x: 0, y: 0 }, config: {}, ...extra };
}

function edge(id: string, source: string, target: string, extra: Partial<DiffEdge> = {}): DiffEdge {
  return { id, source, target, ...extra };
}

const base: DiffGraph<TestNode> = {
  nodes: [
    node("a", { type: "trigger", label: "Start" }),
    node("b", {
      config: {
        url: "https://example.com",
        headers: { Accept: "application/json" },
        cases: [{ expression: "x > 1" }, { expression: "y" }],
      },
    }),
    node("c", { type: "llm", config: { prompt: "Hello" } }),
  ],
  edges: [edge("e1", "a", "b"), edge("e2", "b", "c", { sourceHandle: "ok" })],
};

type Mutable = { nodes: TestNode[]; edges: DiffEdge[] };
/** A structured copy of base with a change applied. */
function changed(apply: (g: Mutable) => void): Mutable {
  const g = structuredClone(base) as Mutable;
  apply(g);
  return g;
}
const at = (g: Mutable, id: string) => g.nodes.find((n) => n.id === id)!;
const parse = (json: string) => JSON.parse(json) as unknown;
/** A graph of one node with this config. */
const one = (config: unknown): DiffGraph => ({
  nodes: [{ id: "n", type: "t", config }],
  edges: [],
});

/** A FieldChange: added without `before`, removed without `after`. */
function f(path: string, before: unknown, after?: unknown): FieldChange {
  if (before === undefined) return { path, after, kind: "added" };
  return after === undefined
    ? { path, before, kind: "removed" }
    : { path, before, after, kind: "changed" };
}
function changes<T, C>(
  changed: C[],
  { added = [], removed = [] }: { added?: T[]; removed?: T[] } = {},
) {
  return { added, removed, changed };
}

const cases: {
  name: string;
  after: DiffGraph<TestNode>;
  opts?: { ignorePositions?: boolean };
  expected: Partial<GraphDiff<TestNode>>;
}[] = [
  {
    name: "no change",
    after: changed(() => {}),
    expected: { nodes: changes([]), edges: changes([]), layoutOnly: false, summary: "No changes." },
  },
  {
    name: "node added",
    after: changed((g) => g.nodes.push(node("d"))),
    expected: { nodes: changes([], { added: [node("d")] }), summary: "1 node added" },
  },
  {
    name: "node removed (with its edge)",
    after: changed((g) => {
      g.nodes.splice(2, 1);
      g.edges.splice(1, 1);
    }),
    expected: {
      nodes: changes([], { removed: [base.nodes[2]!] }),
      edges: changes([], { removed: [base.edges[1]!] }),
      summary: "1 node removed; 1 edge removed",
    },
  },
  {
    name: "config field changed",
    after: changed((g) => (at(g, "c").config.prompt = "Hi")),
    expected: {
      nodes: changes([{ id: "c", type: "llm", fields: [f("config.prompt", "Hello", "Hi")] }]),
      summary: "1 node changed",
    },
  },
  {
    name: "nested header added, array element changed, label removed",
    after: changed((g) => {
      const b = at(g, "b").config as { headers: Record<string, string>; cases: object[] };
      b.headers.Authorization = "Bearer x";
      b.cases[1] = { expression: "z" };
      delete at(g, "a").label;
    }),
    expected: {
      nodes: changes([
        { id: "a", type: "trigger", fields: [f("label", "Start")] },
        {
          id: "b",
          type: "http",
          fields: [
            f("config.cases.1.expression", "y", "z"),
            f("config.headers.Authorization", undefined, "Bearer x"),
          ],
        },
      ]),
      summary: "2 nodes changed",
    },
  },
  {
    name: "type changed",
    after: changed((g) => (at(g, "c").type = "agent")),
    expected: {
      nodes: changes([
        { id: "c", type: "agent", typeChanged: { before: "llm", after: "agent" }, fields: [] },
      ]),
      layoutOnly: false,
    },
  },
  {
    name: "edge rewired (same id, new endpoints)",
    after: changed((g) => {
      g.edges[1] = edge("e2", "a", "c", { sourceHandle: "else", targetHandle: "in" });
    }),
    expected: {
      edges: changes([
        {
          id: "e2",
          fields: [
            f("source", "b", "a"),
            f("sourceHandle", "ok", "else"),
            f("targetHandle", undefined, "in"),
          ],
        },
      ]),
      summary: "1 edge changed",
    },
  },
  {
    name: "positions only",
    after: changed((g) => {
      at(g, "a").position = { x: 10, y: 0 };
      at(g, "b").position = { x: 5, y: 7 };
    }),
    expected: {
      nodes: changes([
        { id: "a", type: "trigger", fields: [f("position.x", 0, 10)] },
        { id: "b", type: "http", fields: [f("position.x", 0, 5), f("position.y", 0, 7)] },
      ]),
      layoutOnly: true,
      summary: "2 nodes moved (layout only)",
    },
  },
  {
    name: "positions only, ignored",
    after: changed((g) => (at(g, "a").position = { x: 10, y: 20 })),
    opts: { ignorePositions: true },
    expected: { nodes: changes([]), layoutOnly: false, summary: "No changes." },
  },
  {
    name: "a move plus a real change is not layout only",
    after: changed((g) => {
      at(g, "a").position = { x: 1, y: 0 };
      at(g, "c").retry = { attempts: 3 };
    }),
    expected: { layoutOnly: false, summary: "2 nodes changed" },
  },
  {
    name: "mixed summary",
    after: changed((g) => {
      g.nodes.push(node("d"), node("e"));
      g.nodes.splice(0, 1);
      at(g, "b").label = "Fetch";
      at(g, "c").config.prompt = "Hi";
      g.edges.push(edge("e3", "d", "e"));
    }),
    expected: { summary: "2 nodes added, 1 removed, 2 changed; 1 edge added" },
  },
  {
    name: "undefined properties count as absent; node order does not matter",
    after: changed((g) => {
      g.nodes.reverse();
      at(g, "c").config.extra = undefined;
    }),
    expected: { summary: "No changes." },
  },
];

describe("diffGraphs", () => {
  it.each(cases)("$name", ({ after, opts, expected }) => {
    const diff = diffGraphs(base, after, opts);
    for (const [k, v] of Object.entries(expected))
      expect(diff[k as keyof GraphDiff]).toStrictEqual(v);
  });

  it("lists array growth and shrinkage by index", () => {
    const after = changed((g) => void (at(g, "b").config.cases as unknown[]).splice(0, 1));
    expect(diffGraphs(base, after).nodes.changed[0]!.fields).toEqual([
      f("config.cases.0.expression", "x > 1", "y"),
      f("config.cases.1", { expression: "y" }),
    ]);
  });

  it("compares subtrees deeper than MAX_DIFF_DEPTH whole", () => {
    const deep = (leaf: number) => {
      let v: unknown = { leaf };
      for (let i = 0; i < MAX_DIFF_DEPTH + 50; i++) v = { d: v };
      return v;
    };
    const [change] = diffGraphs(one(deep(1)), one(deep(2))).nodes.changed[0]!.fields;
    expect(change!.kind).toBe("changed");
    expect(change!.path.split(".")).toHaveLength(MAX_DIFF_DEPTH);
    expect(diffGraphs(one(deep(1)), one(deep(1))).summary).toBe("No changes.");
  });

  it("treats a parsed __proto__ key as an ordinary field", () => {
    const g = (a: number) => one(parse(`{"__proto__":{"a":${a}}}`));
    const diff = diffGraphs(g(1), g(2));
    expect(diff.nodes.changed[0]!.fields).toEqual([f("config.__proto__.a", 1, 2)]);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it("diffs a 500-node, 2000-edge graph", () => {
    const big = (shift: number): DiffGraph<TestNode> => ({
      nodes: Array.from({ length: 500 }, (_, i) =>
        node(`n${i}`, {
          position: { x: i, y: i % 7 },
          config: { prompt: `p${i % (shift ? 50 : 1000)}`, list: [1, { i }] },
        }),
      ),
      edges: Array.from({ length: 2000 }, (_, i) =>
        edge(`e${i}`, `n${i % 500}`, `n${(i + shift + 1) % 500}`),
      ),
    });
    const diff = diffGraphs(big(0), big(1));
    expect(diff.nodes.changed).toHaveLength(450);
    expect(diff.edges.changed).toHaveLength(2000);
    expect(diffGraphs(big(0), big(0)).summary).toBe("No changes.");
  });
});

describe("canonicalJson", () => {
  it.each([
    {
      name: "key order",
      a: { b: 1, a: { d: [3, { y: 1, x: 2 }], c: null } },
      b: { a: { c: null, d: [3, { x: 2, y: 1 }] }, b: 1 },
    },
    { name: "undefined properties", a: { a: 1, b: undefined }, b: { a: 1 } },
    {
      name: "__proto__ keys",
      a: JSON.parse('{"z":1,"__proto__":{"b":2,"a":1}}') as unknown,
      b: JSON.parse('{"__proto__":{"a":1,"b":2},"z":1}') as unknown,
    },
  ])("is independent of $name", ({ a, b }) => {
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it("sorts keys recursively, keeps array order, matches JSON.stringify otherwise", () => {
    expect(canonicalJson({ b: [2, 1, undefined], a: { d: "x\n", c: NaN } })).toBe(
      '{"a":{"c":null,"d":"x\\n"},"b":[2,1,null]}',
    );
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":0}'))).toBe(
      '{"__proto__":{"x":1},"a":0}',
    );
    expect(canonicalJson(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
    expect(canonicalJson("é")).toBe('"é"');
  });

  it("handles deep nesting without overflowing, and refuses cycles", () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(canonicalJson(v)).toHaveLength(200_001);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
  });
});
