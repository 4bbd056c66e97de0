import { describe, expect, test } from "vitest";
import { MemoryStepStore } from "@/lib/workflows/engine/memory-store";
import { edge, effects, run, trigger } from "../helpers/workflow-engine";

describe("workflow engine: waits, resumes and limits", () => {
  test("an approval waits without holding anything, and the decision resumes the run", async () => {
    const graph = {
      nodes: [
        trigger,
        { id: "ok", type: "approval", config: { role: "editor", prompt: "n is {{ trigger.n }}" } },
        { id: "yes", type: "output", config: { expression: '"approved"' } },
        { id: "no", type: "output", config: { expression: '"rejected"' } },
      ],
      edges: [edge("trigger", "ok"), edge("ok", "yes", "approved"), edge("ok", "no", "rejected")],
    };
    const store = new MemoryStepStore();
    const first = await run(graph, { store });
    expect(first.result.status).toBe("waiting");
    expect(store.byNode("ok")?.wait).toMatchObject({
      kind: "approval",
      role: "editor",
      prompt: "n is 3",
    });
    expect((await run(graph, { store })).result.status).toBe("waiting"); // no decision yet
    store.decide("ok", false);
    const second = await run(graph, { store });
    expect(second.result).toMatchObject({ status: "succeeded", output: "rejected" });
    expect(store.byNode("yes")?.status).toBe("skipped");
  });

  test("resume after a crash: an idempotent step runs again, an http POST is interrupted, never repeated", async () => {
    const graph = {
      nodes: [
        trigger,
        { id: "read", type: "http", config: { url: "http://a.test/" } },
        {
          id: "write",
          type: "http",
          onError: { policy: "continue", default: "skipped" },
          config: { method: "POST", url: "http://b.test/" },
        },
      ],
      edges: [edge("trigger", "read"), edge("trigger", "write")],
    };
    const store = new MemoryStepStore();
    await store.start({
      nodeId: "trigger",
      itemPath: "",
      nodeType: "trigger",
      attempt: 1,
      input: null,
    });
    await store.finish(store.byNode("trigger")!.id, {
      status: "succeeded",
      output: { n: 3 },
      branch: "out",
    });
    await store.start({ nodeId: "read", itemPath: "", nodeType: "http", attempt: 1, input: null });
    await store.start({ nodeId: "write", itemPath: "", nodeType: "http", attempt: 1, input: null });
    const calls: string[] = [];
    const { result } = await run(graph, {
      store,
      effects: effects({
        http: async (c) => (
          calls.push(`${c.method} ${c.url}`),
          { status: 200, headers: {}, body: "", url: c.url }
        ),
      }),
    });
    expect(calls).toEqual(["GET http://a.test/"]);
    expect(store.byNode("read")).toMatchObject({ status: "succeeded", attempt: 2 });
    expect(store.byNode("write")).toMatchObject({
      status: "interrupted",
      error: { code: "interrupted" },
      output: "skipped",
    });
    expect(result.status).toBe("succeeded");
  });

  test("a run that starts more steps than allowed fails with limit_exceeded", async () => {
    const { result } = await run(
      {
        nodes: [
          trigger,
          { id: "each", type: "iterate", config: { items: "[1, 2, 3, 4, 5]" } },
          { id: "body", type: "transform", config: { expression: "item" } },
        ],
        edges: [edge("trigger", "each"), edge("each", "body", "item")],
      },
      { limits: { maxSteps: 4 } },
    );
    expect(result).toMatchObject({ status: "failed", error: { code: "limit_exceeded" } });
  });
});

describe("a step cut by a shutdown resumes like one cut by a crash", () => {
  test("a POST aborted by the worker stopping (checkpointed as cancelled) is interrupted, not sent again", async () => {
    const graph = {
      nodes: [
        trigger,
        { id: "send", type: "http", config: { method: "POST", url: "http://b.test/" } },
      ],
      edges: [edge("trigger", "send")],
    };
    const store = new MemoryStepStore();
    await store.start({
      nodeId: "trigger",
      itemPath: "",
      nodeType: "trigger",
      attempt: 1,
      input: null,
    });
    await store.finish(store.byNode("trigger")!.id, {
      status: "succeeded",
      output: {},
      branch: "out",
    });
    await store.start({ nodeId: "send", itemPath: "", nodeType: "http", attempt: 1, input: null });
    await store.finish(store.byNode("send")!.id, {
      status: "cancelled",
      error: { code: "cancelled", message: "stopping" },
    });
    let calls = 0;
    const { result } = await run(graph, {
      store,
      effects: effects({
        http: async (c) => (calls++, { status: 200, headers: {}, body: "", url: c.url }),
      }),
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({
      status: "failed",
      error: { code: "interrupted", nodeId: "send" },
    });
  });
});

describe("a checkpoint that cannot be written is the database's fault, not the node's", () => {
  test("the run stops with the error (the job is retried) and the POST with retries is sent once", async () => {
    const store = new MemoryStepStore();
    const finish = store.finish.bind(store);
    store.finish = async (id, end) => {
      if (end.status === "succeeded" && store.byNode("send")?.id === id)
        throw Object.assign(new Error("connection terminated"), { code: "ECONNRESET" });
      return finish(id, end);
    };
    let calls = 0;
    const graph = {
      nodes: [
        trigger,
        {
          id: "send",
          type: "http",
          retry: { attempts: 2, backoffMs: 1 },
          config: { method: "POST", url: "http://b.test/" },
        },
      ],
      edges: [edge("trigger", "send")],
    };
    await expect(
      run(graph, {
        store,
        effects: effects({
          http: async (c) => (calls++, { status: 200, headers: {}, body: "", url: c.url }),
        }),
      }),
    ).rejects.toThrow("connection terminated");
    expect(calls).toBe(1);
    expect(store.byNode("send")?.status).toBe("running"); // resumes by its idempotency: interrupted
  });
});
