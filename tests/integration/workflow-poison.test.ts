import { describe, expect } from "vitest";
import { createWorkflow, getRun, startRun } from "@/lib/workflows";
import { dbTest } from "../helpers/db";
import { projectTeam } from "../helpers/team";

// What jsonb cannot hold (NUL, a lone surrogate) made by a step must not fail the checkpoint:
// it is stored as U+FFFD, and the run goes on.
describe("workflow values PostgreSQL cannot store", () => {
  dbTest(
    "a step output with a NUL (in a value and in a key) is checkpointed with U+FFFD",
    async ({ db }) => {
      const team = await projectTeam(db, "Poison");
      const graph = {
        nodes: [
          { id: "trigger", type: "trigger", config: {} },
          {
            id: "bad",
            type: "transform",
            config: { expression: '{"text": "a\\u0000b", "key\\u0000": "z"}' },
          },
          { id: "out", type: "output", config: { expression: "bad.text" } },
        ],
        edges: [
          { id: "e1", source: "trigger", target: "bad" },
          { id: "e2", source: "bad", target: "out" },
        ],
      };
      const { workflow } = await createWorkflow({
        ctx: team.owner,
        input: { projectId: team.project.id, name: "P", graph },
      });
      expect(workflow.issues).toEqual([]);
      const { run } = await startRun({
        ctx: team.owner,
        input: { workflowId: workflow.id, draft: true },
      });
      const done = await getRun({ ctx: team.owner, input: { runId: run.id } });
      expect(done.run).toMatchObject({ status: "succeeded", output: "a\uFFFDb" });
      expect(done.steps.find((s) => s.nodeId === "bad")?.output).toEqual({
        text: "a\uFFFDb",
        "key\uFFFD": "z",
      });
    },
  );
});
