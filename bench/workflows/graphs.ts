// bench:workflows's graphs: a 1,000-node no-op DAG for the pure engine, and a 10-node flow of
// transform / condition / switch nodes (with a fan-out and a join) for the queue.

type Raw = { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };

const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${sourceHandle ?? "out"}-${target}`,
  source,
  target,
  ...(sourceHandle && { sourceHandle }),
});

/**
 * A trigger, then `layers` × `width` transform nodes `"1"`: the trigger fans out to the first
 * layer, and each node of a later layer joins two of the layer before it (j and j + 1), so every
 * step is a fan-in and every node a fan-out of two. 27 × 37 = 999 transforms, 1,961 edges.
 */
export function layeredDag(layers = 27, width = 37): Raw {
  const id = (l: number, j: number) => `n${l}_${j}`;
  const nodes: Raw["nodes"] = [{ id: "trigger", type: "trigger", config: { inputs: [] } }];
  const edges: Raw["edges"] = [];
  for (let l = 0; l < layers; l++)
    for (let j = 0; j < width; j++) {
      nodes.push({ id: id(l, j), type: "transform", config: { expression: "1" } });
      if (l === 0) edges.push(edge("trigger", id(l, j)));
      else {
        edges.push(edge(id(l - 1, j), id(l, j)));
        edges.push(edge(id(l - 1, (j + 1) % width), id(l, j)));
      }
    }
  return { nodes, edges };
}

/**
 * Ten nodes, no external calls: prep fans out to a and b, which join in `join`; a condition and
 * a switch pick one of two labels (the other is skipped), and the output joins them again.
 * Input n ≥ 1: a = 2n + 1 ≤ b = 6n, so the condition is true; n < 17 takes "small", else
 * "large". 9 steps run, 1 is skipped.
 */
export const FLOW: Raw = {
  nodes: [
    { id: "trigger", type: "trigger", config: { inputs: [{ name: "n", type: "number" }] } },
    {
      id: "prep",
      type: "transform",
      config: { expression: '{"n": trigger.n, "d": trigger.n * 2}' },
    },
    { id: "a", type: "transform", config: { expression: "prep.d + 1" } },
    { id: "b", type: "transform", config: { expression: "prep.d * 3" } },
    { id: "join", type: "transform", config: { expression: "[a, b]" } },
    { id: "check", type: "condition", config: { expression: "join[0] <= join[1]" } },
    {
      id: "pick",
      type: "switch",
      config: {
        cases: [
          { id: "small", expression: "b < 100" },
          { id: "large", expression: "b >= 100" },
        ],
      },
    },
    { id: "small", type: "transform", config: { expression: '"small " + string(b)' } },
    { id: "large", type: "transform", config: { expression: '"large " + string(b)' } },
    { id: "out", type: "output", config: { expression: '{"sum": a + b, "ok": check}' } },
  ],
  edges: [
    edge("trigger", "prep"),
    edge("prep", "a"),
    edge("prep", "b"),
    edge("a", "join"),
    edge("b", "join"),
    edge("join", "check"),
    edge("check", "pick", "true"),
    edge("pick", "small", "small"),
    edge("pick", "large", "large"),
    edge("small", "out"),
    edge("large", "out"),
  ],
};
/** Steps a FLOW run starts (the skipped branch writes a row but is not a step). */
export const FLOW_STEPS = 9;
