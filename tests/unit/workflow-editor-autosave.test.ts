import { afterEach, describe, expect, it, vi } from "vitest";
import { createEditorStore } from "@/components/workflows/editor/store";
import { createSaver } from "@/components/workflows/editor/use-autosave";

const graph = { nodes: [{ id: "trigger", type: "trigger", config: { inputs: [] } }], edges: [] };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

afterEach(() => vi.unstubAllGlobals());

describe("autosave", () => {
  it("PATCHes the graph with the revision it is based on, and takes the new revision", async () => {
    const fetch = vi.fn(async () => json(200, { workflow: { revision: 8 } }));
    vi.stubGlobal("fetch", fetch);
    const store = createEditorStore({ graph, revision: 7, readOnly: false });
    store.getState().addNode("delay", { x: 1.4, y: 2.6 });
    await createSaver(store, "wf1").saveNow();
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/workflows/wf1");
    expect(init.method).toBe("PATCH");
    const body = JSON.parse(init.body as string);
    expect(body.revision).toBe(7);
    expect(body.graph.nodes[1]).toEqual({
      id: "delay",
      type: "delay",
      position: { x: 1, y: 3 },
      config: { seconds: 60 },
    });
    expect(store.getState()).toMatchObject({ save: "saved", revision: 8 });
  });

  it("a stale revision is a conflict (autosave stops); another failure can be retried", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(409, { error: { code: "conflict", message: "changed" } })),
    );
    const store = createEditorStore({ graph, revision: 1, readOnly: false });
    const saver = createSaver(store, "wf1");
    store.getState().addNode("delay", { x: 0, y: 0 });
    await saver.saveNow();
    expect(store.getState().save).toBe("conflict");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(500, { error: { code: "internal", message: "boom" } })),
    );
    store.getState().setSave("dirty");
    await saver.saveNow();
    expect(store.getState()).toMatchObject({ save: "error", saveError: "boom" });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(200, { workflow: { revision: 2 } })),
    );
    await saver.saveNow(); // the Retry button
    expect(store.getState()).toMatchObject({ save: "saved", revision: 2 });
  });

  it("a viewer never saves", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const store = createEditorStore({ graph, revision: 1, readOnly: true });
    store.getState().addNode("delay", { x: 0, y: 0 });
    await createSaver(store, "wf1").saveNow();
    expect(fetch).not.toHaveBeenCalled();
  });
});
