import { describe, expect } from "vitest";
import { dbTest } from "../helpers/db";
import { projectTeam } from "../helpers/team";
import {
  chain,
  deploy,
  edge,
  runOf,
  statuses,
  stepOf,
  trigger,
  useScriptedServer,
} from "../helpers/workflow-nodes";
import { inlineWorkflows } from "../helpers/workflows";

// Branching, transform and For each through the real runtime, in the test's transaction, with
// http steps against a loopback server (allowed as 127.0.0.1).
const server = useScriptedServer();

describe("condition and switch take one branch; the others are skipped", () => {
  dbTest("condition: true and false", async ({ db, services }) => {
    const team = await projectTeam(db, "Cond");
    const owner = inlineWorkflows(services, db).with(team.owner);
    const id = await deploy(owner, team.project.id, {
      nodes: [
        trigger([{ name: "n", type: "number" }]),
        { id: "check", type: "condition", config: { expression: "trigger.n > 10" } },
        { id: "big", type: "output", config: { expression: '"big"' } },
        { id: "small", type: "output", config: { expression: '"small"' } },
      ],
      edges: [
        edge("trigger", "check"),
        edge("check", "big", "true"),
        edge("check", "small", "false"),
      ],
    });
    const high = await runOf(owner, id, { n: 20 });
    expect(high.run).toMatchObject({ status: "succeeded", output: "big" });
    expect(statuses(high)).toEqual({
      trigger: "succeeded",
      check: "succeeded",
      big: "succeeded",
      small: "skipped",
    });
    expect(stepOf(high, "check")).toMatchObject({ output: true, branch: "true" });
    const low = await runOf(owner, id, { n: 3 });
    expect(low.run).toMatchObject({ status: "succeeded", output: "small" });
    expect(statuses(low)).toMatchObject({ big: "skipped", small: "succeeded" });
  });

  dbTest("switch: the first true case, else default", async ({ db, services }) => {
    const team = await projectTeam(db, "Switch");
    const owner = inlineWorkflows(services, db).with(team.owner);
    const id = await deploy(owner, team.project.id, {
      nodes: [
        trigger([{ name: "priority" }]),
        {
          id: "route",
          type: "switch",
          config: {
            cases: [
              { id: "urgent", expression: 'trigger.priority == "high"' },
              { id: "normal", expression: 'trigger.priority in ["medium", "high"]' },
            ],
          },
        },
        { id: "page", type: "output", config: { expression: '"page someone"' } },
        { id: "queue", type: "output", config: { expression: '"queue it"' } },
        { id: "ignore", type: "output", config: { expression: '"ignore: " + trigger.priority' } },
      ],
      edges: [
        edge("trigger", "route"),
        edge("route", "page", "urgent"),
        edge("route", "queue", "normal"),
        edge("route", "ignore", "default"),
      ],
    });
    const high = await runOf(owner, id, { priority: "high" });
    expect(high.run).toMatchObject({ status: "succeeded", output: "page someone" });
    expect(statuses(high)).toMatchObject({
      page: "succeeded",
      queue: "skipped",
      ignore: "skipped",
    });
    const medium = await runOf(owner, id, { priority: "medium" });
    expect(medium.run.output).toBe("queue it");
    const low = await runOf(owner, id, { priority: "low" });
    expect(low.run).toMatchObject({ status: "succeeded", output: "ignore: low" });
    expect(stepOf(low, "route")).toMatchObject({ output: "default", branch: "default" });
    expect(statuses(low)).toMatchObject({ page: "skipped", queue: "skipped", ignore: "succeeded" });
  });
});

describe("transform and For each", () => {
  dbTest("transform builds an object and a list from upstream values", async ({ db, services }) => {
    const team = await projectTeam(db, "Transform");
    const owner = inlineWorkflows(services, db).with(team.owner);
    const id = await deploy(
      owner,
      team.project.id,
      chain(
        trigger([{ name: "name" }, { name: "tags", type: "array" }]),
        {
          id: "card",
          type: "transform",
          config: {
            expression: '{"title": "Hello " + trigger.name, "count": size(trigger.tags)}',
          },
        },
        {
          id: "lines",
          type: "transform",
          config: { expression: 'trigger.tags.map(t, card.title + " #" + t)' },
        },
        { id: "out", type: "output", config: { expression: '{"card": card, "lines": lines}' } },
      ),
    );
    const done = await runOf(owner, id, { name: "Ada", tags: ["math", "engines"] });
    expect(done.run).toMatchObject({
      status: "succeeded",
      output: {
        card: { title: "Hello Ada", count: 2 },
        lines: ["Hello Ada #math", "Hello Ada #engines"],
      },
    });
    expect(stepOf(done, "lines").input).toEqual({ card: { title: "Hello Ada", count: 2 } });
  });

  const loop = (url: string, maxItems = 100) => ({
    nodes: [
      trigger([{ name: "nums", type: "array" }]),
      { id: "each", type: "iterate", config: { items: "trigger.nums", concurrency: 2, maxItems } },
      { id: "call", type: "http", config: { url: `${url}/double?x={{ item }}` } },
      { id: "out", type: "output", config: { expression: "each.map(r, r.body.double)" } },
    ],
    edges: [edge("trigger", "each"), edge("each", "call", "item"), edge("each", "out", "done")],
  });

  dbTest(
    "iterates a list with an http call per item, two at a time, collecting the results",
    async ({ db, services }) => {
      const team = await projectTeam(db, "Iterate");
      const owner = inlineWorkflows(services, db, { httpAllow: "127.0.0.1" }).with(team.owner);
      const id = await deploy(owner, team.project.id, loop(server().url));
      const before = server().hits("/double");
      server().maxInFlight = 0;
      const done = await runOf(owner, id, { nums: [1, 2, 3, 4, 5] });
      expect(done.run).toMatchObject({ status: "succeeded", output: [2, 4, 6, 8, 10] });
      expect(server().hits("/double") - before).toBe(5);
      expect(server().maxInFlight).toBe(2);
      expect(stepOf(done, "call", "each[3]/")).toMatchObject({
        status: "succeeded",
        input: { item: 4, index: 3 },
        output: { status: 200, body: { x: 4, double: 8 } },
      });
      expect(stepOf(done, "each").output).toHaveLength(5);
    },
  );

  dbTest(
    "more items than maxItems fails the step with iterate_too_many_items",
    async ({ db, services }) => {
      const team = await projectTeam(db, "Too many");
      const owner = inlineWorkflows(services, db, { httpAllow: "127.0.0.1" }).with(team.owner);
      const id = await deploy(owner, team.project.id, loop(server().url, 3));
      const before = server().hits("/double");
      const done = await runOf(owner, id, { nums: [1, 2, 3, 4] });
      expect(done.run).toMatchObject({
        status: "failed",
        error: { code: "iterate_too_many_items", nodeId: "each" },
      });
      expect(stepOf(done, "each")).toMatchObject({
        status: "failed",
        error: { code: "iterate_too_many_items" },
      });
      expect(server().hits("/double")).toBe(before);
      expect(done.steps.some((s) => s.nodeId === "call")).toBe(false);
    },
  );
});
