import { describe, expect, test } from "vitest";
import type { HttpCall } from "@/lib/workflows/nodes/types";
import { edge, effects, run, trigger } from "../helpers/workflow-engine";

describe("workflow engine (pure core, in memory)", () => {
  test("a chain runs in order and the output node gives the run's output", async () => {
    const { result, store } = await run({
      nodes: [
        trigger,
        { id: "twice", type: "transform", config: { expression: "trigger.n * 2" } },
        { id: "out", type: "output", config: { expression: '{"twice": twice}' } },
      ],
      edges: [edge("trigger", "twice"), edge("twice", "out")],
    });
    expect(result).toEqual({ status: "succeeded", output: { twice: 6 }, stepCount: 3 });
    expect(store.byNode("twice")?.history).toEqual(["running", "succeeded"]);
  });

  test("ready branches run in parallel, and a join waits for both", async () => {
    const started: string[] = [];
    let concurrent = 0;
    let peak = 0;
    const http = async (c: HttpCall) => {
      started.push(c.url);
      peak = Math.max(peak, ++concurrent);
      await new Promise((r) => setTimeout(r, 30));
      concurrent--;
      return { status: 200, headers: {}, body: c.url, url: c.url };
    };
    const { result } = await run(
      {
        nodes: [
          trigger,
          { id: "a", type: "http", config: { url: "http://a.test/" } },
          { id: "b", type: "http", config: { url: "http://b.test/" } },
          { id: "join", type: "output", config: { expression: "[a.body, b.body]" } },
        ],
        edges: [edge("trigger", "a"), edge("trigger", "b"), edge("a", "join"), edge("b", "join")],
      },
      { effects: effects({ http }) },
    );
    expect(peak).toBe(2);
    expect(result).toMatchObject({
      status: "succeeded",
      output: ["http://a.test/", "http://b.test/"],
    });
  });

  test("a fan-out wider than 10 runs without a listener-leak warning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.name);
    process.on("warning", onWarning);
    const ids = Array.from({ length: 16 }, (_, i) => `t${i}`);
    const { result } = await run({
      nodes: [
        trigger,
        ...ids.map((id) => ({ id, type: "transform", config: { expression: "1" } })),
      ],
      edges: ids.map((id) => edge("trigger", id)),
    });
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    process.off("warning", onWarning);
    expect(result).toMatchObject({ status: "succeeded", stepCount: 17 });
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  test("a condition takes one branch; the other is skipped, and a join after both still runs", async () => {
    const { result, store } = await run({
      nodes: [
        trigger,
        { id: "big", type: "condition", config: { expression: "trigger.n > 5" } },
        { id: "yes", type: "transform", config: { expression: '"big"' } },
        { id: "no", type: "transform", config: { expression: '"small"' } },
        { id: "out", type: "output", config: { expression: '"joined"' } },
      ],
      edges: [
        edge("trigger", "big"),
        edge("big", "yes", "true"),
        edge("big", "no", "false"),
        edge("yes", "out"),
        edge("no", "out"),
      ],
    });
    expect(store.byNode("yes")?.status).toBe("skipped");
    expect(store.byNode("no")?.status).toBe("succeeded");
    expect(result).toMatchObject({ status: "succeeded", output: "joined" });
  });

  test("retries with backoff until an attempt succeeds", async () => {
    let calls = 0;
    const waits: number[] = [];
    const { result, store } = await run(
      {
        nodes: [
          trigger,
          {
            id: "flaky",
            type: "http",
            retry: { attempts: 2, backoffMs: 100 },
            config: { url: "http://x.test/" },
          },
        ],
        edges: [edge("trigger", "flaky")],
      },
      {
        effects: effects({
          http: async (c) => {
            if (++calls < 3)
              throw Object.assign(new Error("connection reset"), { code: "network" });
            return { status: 200, headers: {}, body: "ok", url: c.url };
          },
        }),
        sleep: async (ms) => void waits.push(ms),
      },
    );
    expect(result.status).toBe("succeeded");
    expect(waits).toEqual([100, 200]);
    expect(store.byNode("flaky")).toMatchObject({ status: "succeeded", attempt: 3 });
  });

  test.each([
    ["fail", "failed", undefined],
    ["continue", "succeeded", { fallback: true }],
    ["branch", "succeeded", "handled"],
  ] as const)("on-error %s", async (policy, status, output) => {
    const nodes: Record<string, unknown>[] = [
      trigger,
      {
        id: "bad",
        type: "transform",
        onError: { policy, default: { fallback: true } },
        config: { expression: "trigger.missing.deeper" },
      },
      { id: "out", type: "output", config: { expression: "bad" } },
    ];
    const edges = [
      edge("trigger", "bad"),
      edge("bad", "out", policy === "branch" ? "out" : undefined),
    ];
    if (policy === "branch") {
      nodes.push({ id: "handler", type: "output", config: { expression: '"handled"' } });
      edges.push(edge("bad", "handler", "error"));
    }
    const { result, store } = await run({ nodes, edges });
    expect(result.status).toBe(status);
    if (output !== undefined) expect((result as { output: unknown }).output).toEqual(output);
    else expect(result).toMatchObject({ error: { nodeId: "bad" } });
    expect(store.byNode("bad")?.status).toBe("failed");
  });

  test("a step that takes too long fails with timeout", async () => {
    const { result } = await run(
      {
        nodes: [
          trigger,
          { id: "slow", type: "http", timeoutMs: 100, config: { url: "http://slow.test/" } },
        ],
        edges: [edge("trigger", "slow")],
      },
      { effects: effects({ http: () => new Promise(() => {}) }) },
    );
    expect(result).toMatchObject({ status: "failed", error: { code: "timeout", nodeId: "slow" } });
  });

  test("cancel aborts the running step and starts nothing after it", async () => {
    const ctl = new AbortController();
    const { result, store } = await run(
      {
        nodes: [
          trigger,
          { id: "slow", type: "http", config: { url: "http://slow.test/" } },
          { id: "after", type: "transform", config: { expression: "1" } },
        ],
        edges: [edge("trigger", "slow"), edge("slow", "after")],
      },
      {
        signal: ctl.signal,
        effects: effects({
          http: (_c, signal) =>
            new Promise((_, reject) => {
              setTimeout(() => ctl.abort(new Error("cancelled")), 20);
              signal.addEventListener("abort", () => reject(signal.reason));
            }),
        }),
      },
    );
    expect(result.status).toBe("cancelled");
    expect(store.byNode("slow")?.status).toBe("cancelled");
    expect(store.byNode("after")).toBeUndefined();
  });

  test("For each runs the body per item (with concurrency) and collects the results", async () => {
    const { result, store } = await run({
      nodes: [
        trigger,
        { id: "each", type: "iterate", config: { items: "[1, 2, 3]", concurrency: 2 } },
        { id: "square", type: "transform", config: { expression: "item * item + index" } },
        { id: "out", type: "output", config: { expression: "each" } },
      ],
      edges: [edge("trigger", "each"), edge("each", "square", "item"), edge("each", "out", "done")],
    });
    expect(result).toMatchObject({ status: "succeeded", output: [1, 5, 11] });
    expect(store.byNode("square", "each[2]/")?.status).toBe("succeeded");
  });
});
