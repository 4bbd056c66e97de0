import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { Db } from "@/db/client";
import { workflowRuns } from "@/db/schema";
import { parseEnv } from "@/lib/env";
import { createServices, type Services } from "@/lib/services";
import { createWorkflow, getRun, publishWorkflow, startRun } from "@/lib/workflows";
import { dbTest, TEST_VARS, useTestServices } from "../helpers/db";
import { projectTeam } from "../helpers/team";
import { inlineWorkflows } from "../helpers/workflows";

// A server that takes requests and never answers: a step that hangs until it is stopped.
let hanging: Server;
let hangUrl: string;
let hung = 0;
beforeAll(async () => {
  hanging = createServer(() => void hung++);
  await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", r));
  hangUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/slow`;
});
afterAll(async () => {
  hanging.closeAllConnections();
  await new Promise((r) => hanging.close(r));
});

/** Services with WORKFLOW_RUN_MAX_SECONDS at its minimum (10 s); runs advance inline. */
const test = dbTest.extend<{ app: Services }>({
  app: [
    async ({ services }, use) => {
      const env = parseEnv({ ...TEST_VARS, WORKFLOW_RUN_MAX_SECONDS: "10" });
      const app = createServices({
        env,
        log: services.log,
        database: services.database,
        limiter: services.limiter,
      });
      useTestServices(app);
      await use(app);
      await app.close();
      useTestServices(services);
    },
    { auto: true },
  ],
});

type Node = { id: string; type: string; config: Record<string, unknown> };
const trigger = (...inputs: { name: string; type: string }[]): Node => ({
  id: "trigger",
  type: "trigger",
  config: { inputs },
});
/** A chain trigger → … → last, with `body` hanging off the first iterate node's "item" handle. */
function graph(chain: Node[], body?: Node) {
  const edges = chain.slice(1).map((n, i) => ({
    id: `e${i}`,
    source: chain[i]!.id,
    target: n.id,
    ...(chain[i]!.type === "iterate" && { sourceHandle: "done" }),
  }));
  const loop = chain.find((n) => n.type === "iterate");
  if (body && loop)
    edges.push({ id: "eb", source: loop.id, target: body.id, sourceHandle: "item" });
  return { nodes: [...chain, ...(body ? [body] : [])], edges };
}

/** A published workflow of `g` in a fresh project, and its owner (runs advance inline). */
async function published(db: Db, app: Services, g: unknown, opts: { httpAllow?: string } = {}) {
  const team = await projectTeam(db, "Run limits");
  const flows = inlineWorkflows(app, db, opts);
  const owner = flows.with(team.owner);
  const { workflow } = await createWorkflow({
    ctx: owner,
    input: { projectId: team.project.id, name: "Limited", graph: g },
  });
  expect(workflow.issues).toEqual([]);
  await publishWorkflow({ ctx: owner, input: { workflowId: workflow.id, revision: 1 } });
  // The same caller with a queue that only records: a started run stays queued until advanced.
  const parked = { ...owner, workflows: { enqueue: async () => {}, advance: async () => {} } };
  return { owner, parked, flows, workflowId: workflow.id };
}

describe("limits of a run: payload, steps, duration", () => {
  test("a step whose output is over 1 MB fails with payload_too_large (a transform meets its own 1 MB bound first)", async ({
    db,
    app,
  }) => {
    const blob = "x".repeat(600_000);
    const pair = {
      id: "pair",
      type: "transform",
      config: { expression: "[trigger.blob, trigger.blob]" },
    };
    const out = { id: "out", type: "output", config: { expression: "size(pair)" } };
    const t1 = await published(
      db,
      app,
      graph([trigger({ name: "blob", type: "string" }), pair, out]),
    );
    const { run: r1 } = await startRun({
      ctx: t1.owner,
      input: { workflowId: t1.workflowId, input: { blob } },
    });
    const one = await getRun({ ctx: t1.owner, input: { runId: r1.id } });
    const tooLarge = {
      code: "expression_result_too_large",
      message: "Result is larger than 1000000 bytes as JSON.",
    };
    expect(one.run).toMatchObject({ status: "failed", error: { ...tooLarge, nodeId: "pair" } });
    expect(one.steps.find((s) => s.nodeId === "pair")).toMatchObject({
      status: "failed",
      error: tooLarge,
    });

    // Each item's output is 600 KB; the For each's list of both is 1.2 MB: the step's bound.
    const each = { id: "each", type: "iterate", config: { items: "[1, 2]" } };
    const body = { id: "body", type: "transform", config: { expression: "trigger.blob" } };
    const count = { id: "out", type: "output", config: { expression: "size(each)" } };
    const t2 = await published(
      db,
      app,
      graph([trigger({ name: "blob", type: "string" }), each, count], body),
    );
    const { run: r2 } = await startRun({
      ctx: t2.owner,
      input: { workflowId: t2.workflowId, input: { blob } },
    });
    const two = await getRun({ ctx: t2.owner, input: { runId: r2.id } });
    const payload = {
      code: "payload_too_large",
      message: "The step's output is larger than 1000000 bytes.",
    };
    expect(two.run).toMatchObject({ status: "failed", error: { ...payload, nodeId: "each" } });
    expect(two.steps.map((s) => [s.nodeId, s.itemPath, s.status])).toEqual([
      ["trigger", "", "succeeded"],
      ["each", "", "failed"],
      ["body", "each[0]/", "succeeded"],
      ["body", "each[1]/", "succeeded"],
    ]);
    expect(two.steps.find((s) => s.nodeId === "each")!.error).toEqual(payload);
  });

  test("loops count a step per item, and a run past 10,000 steps fails with limit_exceeded, which on-error cannot swallow", async ({
    db,
    app,
  }) => {
    const each = {
      id: "each",
      type: "iterate",
      config: { items: "trigger.list", maxItems: 1000 },
      onError: { policy: "branch" },
    };
    const body = { id: "body", type: "transform", config: { expression: "item * 2" } };
    const out = { id: "out", type: "output", config: { expression: "size(each)" } };
    const t = await published(
      db,
      app,
      graph([trigger({ name: "list", type: "array" }), each, out], body),
    );
    const list = Array.from({ length: 20 }, (_, i) => i);
    const { run } = await startRun({
      ctx: t.owner,
      input: { workflowId: t.workflowId, input: { list } },
    });
    const done = await getRun({ ctx: t.owner, input: { runId: run.id } });
    expect(done.run).toMatchObject({ status: "succeeded", output: 20, stepCount: 23 });

    // 10,000 real steps take minutes here (a few checkpoint writes each), so this run starts with
    // the count a long run would have carried over from earlier passes (before a delay, say):
    // the worker goes on from the run row's count, against the engine's default limit.
    const { run: long } = await startRun({
      ctx: t.parked,
      input: { workflowId: t.workflowId, input: { list } },
    });
    await db.update(workflowRuns).set({ stepCount: 9_990 }).where(eq(workflowRuns.id, long.id));
    await t.flows.queue.advance(long.id);
    const failed = await getRun({ ctx: t.owner, input: { runId: long.id } });
    // trigger is step 9,991, each 9,992, items 0–7 steps 9,993–10,000; item 8 would be 10,001.
    const limit =
      'Item 8: The run started more than 10000 steps (loops and retries included). (in "body")';
    expect(failed.run).toMatchObject({
      status: "failed",
      stepCount: 10_001,
      error: { code: "limit_exceeded", message: limit, nodeId: "each" },
    });
    expect(failed.steps.filter((s) => s.nodeId === "body").map((s) => s.itemPath)).toEqual(
      Array.from({ length: 8 }, (_, i) => `each[${i}]/`),
    );
    expect(failed.steps.find((s) => s.nodeId === "each")).toMatchObject({
      status: "failed",
      output: null,
    });
    expect(failed.steps.some((s) => s.nodeId === "out")).toBe(false);
  });

  test("a run past WORKFLOW_RUN_MAX_SECONDS (at least 10) is stopped mid-step and fails with limit_exceeded", async ({
    db,
    app,
  }) => {
    expect(() => parseEnv({ ...TEST_VARS, WORKFLOW_RUN_MAX_SECONDS: "9" })).toThrow(
      /WORKFLOW_RUN_MAX_SECONDS/,
    );
    const hang = { id: "hang", type: "http", config: { url: hangUrl, timeoutMs: 60_000 } };
    const out = { id: "out", type: "output", config: { expression: "hang.status" } };
    const t = await published(db, app, graph([trigger(), hang, out]), { httpAllow: "127.0.0.1" });
    expect(t.flows.deps.maxRunMs).toBe(10_000);
    const { run } = await startRun({ ctx: t.parked, input: { workflowId: t.workflowId } });
    // Time waiting does not count, time advancing does: created long ago, it still gets its
    // whole 10 s, which run out in a step that never answers (its own timeout is 60 s).
    await db
      .update(workflowRuns)
      .set({ createdAt: new Date(Date.now() - 3_600_000) })
      .where(eq(workflowRuns.id, run.id));
    const before = hung;
    const started = Date.now();
    await t.flows.queue.advance(run.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
    expect(Date.now() - started).toBeLessThan(20_000); // the run's limit, not the step's 60 s
    expect(hung).toBe(before + 1);
    const failed = await getRun({ ctx: t.owner, input: { runId: run.id } });
    expect(failed.run).toMatchObject({
      status: "failed",
      error: { code: "limit_exceeded", message: "The run took longer than its limit of 10 s." },
    });
    expect(failed.steps.find((s) => s.nodeId === "hang")).toMatchObject({
      status: "cancelled",
      error: { code: "cancelled" },
    });
  });
});
