import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { workflowRuns, workflowSteps } from "@/db/schema";
import { fixedDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createCtx, createServices, type Services } from "@/lib/services";
import { createWorkflow, getRun, listRunEvents, publishWorkflow, startRun } from "@/lib/workflows";
import { waitFor } from "../helpers/workflows";
import { committedDatabase, TEST_VARS, testLog, useTestServices } from "../helpers/db";
import { projectTeam } from "../helpers/team";

// The real queue: pg-boss on a committed database (PGlite here, PostgreSQL in CI), two runtimes
// standing for two instances, each with its own worker. Every step must run exactly once.
let handle: DatabaseHandle;
let hits: Map<string, number>;
let counter: Server;
let counterUrl: string;
const made: Services[] = [];

function instance(): Services {
  const env = parseEnv({
    ...TEST_VARS,
    WORKFLOW_HTTP_ALLOW: "127.0.0.1",
    WORKFLOW_CONCURRENCY: "4",
  });
  const s = createServices({ env, log: testLog, database: fixedDatabase(handle) });
  made.push(s);
  useTestServices(s);
  return s;
}

beforeAll(async () => {
  handle = await committedDatabase();
  hits = new Map();
  counter = createServer((req, res) => {
    const key = new URL(req.url!, "http://x").searchParams.get("run")!;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ seen: key }));
  });
  await new Promise<void>((r) => counter.listen(0, "127.0.0.1", r));
  counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}/hit`;
});
afterAll(async () => {
  useTestServices(undefined);
  for (const s of made) await s.close();
  await new Promise((r) => counter.close(r));
  await handle.close();
});

const graph = (url: string) => ({
  nodes: [
    { id: "trigger", type: "trigger", config: { inputs: [{ name: "tag", type: "string" }] } },
    { id: "label", type: "transform", config: { expression: '"run-" + trigger.tag' } },
    {
      id: "call",
      type: "http",
      config: { method: "POST", url: `${url}?run={{ label }}`, body: "{}" },
    },
    { id: "check", type: "condition", config: { expression: "call.body.seen == label" } },
    { id: "out", type: "output", config: { expression: "call.body.seen" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "label" },
    { id: "e2", source: "label", target: "call" },
    { id: "e3", source: "call", target: "check" },
    { id: "e4", source: "check", sourceHandle: "true", target: "out" },
  ],
});

describe("workflow runs through the job queue (pg-boss)", () => {
  it(
    "two instances share the queue: 20 runs, every step exactly once",
    { timeout: 90_000 },
    async () => {
      const a = instance();
      const b = instance();
      const team = await projectTeam(handle.db, `Queue ${Date.now()}`);
      const owner = { ...(await createCtx(a, { actor: team.owner.actor })), db: handle.db };
      const { workflow } = await createWorkflow({
        ctx: owner,
        input: { projectId: team.project.id, name: "Counted", graph: graph(counterUrl) },
      });
      expect(workflow.issues).toEqual([]);
      await publishWorkflow({
        ctx: owner,
        input: { workflowId: workflow.id, revision: workflow.revision },
      });
      await a.workflows.startWorker({ embedded: false });
      await b.workflows.startWorker({ embedded: false });
      const runs = [];
      for (let i = 0; i < 20; i++)
        runs.push(
          (
            await startRun({
              ctx: owner,
              input: { workflowId: workflow.id, input: { tag: String(i) } },
            })
          ).run,
        );
      await waitFor(async () => {
        const rows = await handle.db
          .select({ status: workflowRuns.status })
          .from(workflowRuns)
          .where(eq(workflowRuns.workflowId, workflow.id));
        return rows.every((r) => r.status === "succeeded") ? true : undefined;
      });
      for (let i = 0; i < 20; i++) expect(hits.get(`run-${i}`)).toBe(1);
      const done = await getRun({ ctx: owner, input: { runId: runs[7]!.id } });
      expect(done.run.output).toBe("run-7");
      // A chain: each step's start and end on the event stream in turn, naming the step.
      const { events } = await listRunEvents({ ctx: owner, input: { runId: runs[7]!.id } });
      const steps = events.filter((e) => e.type.startsWith("step_"));
      expect(steps.map((e) => e.type)).toEqual(
        done.steps.flatMap(() => ["step_started", "step_finished"]),
      );
      for (const s of done.steps) {
        const mine = steps.filter((e) => e.data.stepId === s.id);
        expect(mine.map((e) => e.type)).toEqual(["step_started", "step_finished"]);
        expect(mine[0]!.data).toMatchObject({ nodeId: s.nodeId, itemPath: "", attempt: 1 });
        expect(mine[1]!.data).toMatchObject({ status: "succeeded", error: null });
      }
      const [{ n }] = (await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(workflowSteps)
        .where(
          sql`${workflowSteps.runId} in (select id from workflow_runs where workflow_id = ${workflow.id})`,
        )) as [{ n: number }];
      expect(n).toBe(20 * 5);
    },
  );

  it(
    "a run whose worker died is taken over from its checkpoint; a half-done POST is not repeated",
    { timeout: 60_000 },
    async () => {
      const c = instance();
      const team = await projectTeam(handle.db, `Crash ${Date.now()}`);
      const ctx = { ...(await createCtx(c, { actor: team.owner.actor })), db: handle.db };
      const { workflow } = await createWorkflow({
        ctx,
        input: { projectId: team.project.id, name: "Crashy", graph: graph(counterUrl) },
      });
      await publishWorkflow({
        ctx,
        input: { workflowId: workflow.id, revision: workflow.revision },
      });
      // What a worker killed mid-step leaves: the run leased to a dead owner, "call" started.
      const [run] = await handle.db
        .insert(workflowRuns)
        .values({
          workflowId: workflow.id,
          projectId: team.project.id,
          versionNumber: 1,
          graph: graph(counterUrl),
          trigger: "manual",
          input: { tag: "crash" },
          actorId: team.owner.actor.userId,
          status: "running",
          leaseOwner: "dead-host:1:x",
          leaseUntil: sql`now() - interval '1 second'`,
        })
        .returning();
      await handle.db.insert(workflowSteps).values([
        {
          runId: run!.id,
          nodeId: "trigger",
          nodeType: "trigger",
          status: "succeeded",
          output: { tag: "crash" },
          branch: "out",
        },
        {
          runId: run!.id,
          nodeId: "label",
          nodeType: "transform",
          status: "succeeded",
          output: "run-crash",
          branch: "out",
        },
        { runId: run!.id, nodeId: "call", nodeType: "http", status: "running" },
      ]);
      await c.workflows.startWorker({ embedded: false }); // its start-up sweep finds the expired lease
      const done = await waitFor(async () => {
        const r = await getRun({ ctx, input: { runId: run!.id } });
        return r.run.status === "failed" ? r : undefined;
      });
      expect(hits.get("run-crash")).toBeUndefined();
      expect(done.steps.find((s) => s.nodeId === "call")).toMatchObject({
        status: "interrupted",
        error: { code: "interrupted" },
      });
      expect(done.run.error).toMatchObject({ code: "interrupted", nodeId: "call" });
    },
  );

  it(
    "a stopping instance hands its runs back: the next one continues them, a cut POST is not sent twice",
    { timeout: 60_000 },
    async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let posts = 0;
      const slow = createServer((_req, res) => {
        posts++;
        void held.then(() => res.end("{}"));
      });
      await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
      const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow`;
      for (const s of made) await s.workflows.close(); // only the instances below work this run
      const first = instance();
      const team = await projectTeam(handle.db, `Handback ${Date.now()}`);
      const ctx = { ...(await createCtx(first, { actor: team.owner.actor })), db: handle.db };
      const g = {
        nodes: [
          { id: "trigger", type: "trigger", config: {} },
          { id: "send", type: "http", config: { method: "POST", url: slowUrl, body: "{}" } },
        ],
        edges: [{ id: "e", source: "trigger", target: "send" }],
      };
      const { workflow } = await createWorkflow({
        ctx,
        input: { projectId: team.project.id, name: "Slow", graph: g },
      });
      await publishWorkflow({
        ctx,
        input: { workflowId: workflow.id, revision: workflow.revision },
      });
      await first.workflows.startWorker({ embedded: false });
      const { run } = await startRun({ ctx, input: { workflowId: workflow.id } });
      await waitFor(async () => (posts === 1 ? true : undefined));
      await first.workflows.close(); // the POST is in flight
      const [left] = await handle.db.select().from(workflowRuns).where(eq(workflowRuns.id, run.id));
      expect(left).toMatchObject({ status: "running", leaseOwner: null });
      const next = instance();
      await next.workflows.startWorker({ embedded: false });
      const done = await waitFor(async () => {
        const r = await getRun({ ctx, input: { runId: run.id } });
        return r.run.status === "failed" ? r : undefined;
      });
      release();
      expect(posts).toBe(1);
      expect(done.steps.find((s) => s.nodeId === "send")).toMatchObject({ status: "interrupted" });
      await new Promise((r) => slow.close(r));
    },
  );
});
