import { describe, expect, it } from "vitest";
import type { StoredGraph } from "@/db/schema";
import { checkInput } from "@/lib/workflows/nodes/trigger";
import { triggerOf } from "@/lib/workflows/runs/create-run";

// A stored graph keeps each config as the client sent it; the trigger's defaults must still
// apply when a run's input is checked (a bare `{ name: "tag" }` is a required string).
const graph = (config: unknown) =>
  ({ nodes: [{ id: "trigger", type: "trigger", config }], edges: [] }) as unknown as StoredGraph;

describe("triggerOf", () => {
  it("applies the trigger schema's defaults to a config stored without them", () => {
    const t = triggerOf(graph({ inputs: [{ name: "tag" }], schedule: { cron: "0 8 * * *" } }))!;
    expect(t.config.inputs).toEqual([
      { name: "tag", type: "string", required: true, description: "" },
    ]);
    expect(t.config.schedule).toEqual({ cron: "0 8 * * *", timezone: "UTC", input: {} });
    expect(checkInput(t.config, { tag: "a" })).toEqual([]);
    expect(checkInput(t.config, {})).toEqual([{ field: "input.tag", message: "is required" }]);
    expect(checkInput(t.config, { tag: 1 })).toEqual([
      { field: "input.tag", message: "must be a string" },
    ]);
  });

  it("gives no trigger for an invalid config (never a half-read one) or a graph without one", () => {
    expect(triggerOf(graph({ inputs: "nope" }))).toBeUndefined();
    expect(triggerOf({ nodes: [], edges: [] } as unknown as StoredGraph)).toBeUndefined();
  });
});
