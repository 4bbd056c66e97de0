import { eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { workflowApprovals } from "@/db/schema";
import { getRun, listRunEvents } from "@/lib/workflows";
import { dbTest } from "../helpers/db";
import { projectTeam } from "../helpers/team";
import {
  chain,
  deploy,
  edge,
  runOf,
  sleep,
  statuses,
  stepOf,
  trigger,
  useScriptedServer,
} from "../helpers/workflow-nodes";
import { inlineWorkflows } from "../helpers/workflows";

// Delays and approval timeouts (no worker held: the run is woken later), retries and on-error.
const server = useScriptedServer();

describe("waiting for time", () => {
  dbTest(
    "a 1 s delay: waits with a wake-up, keeps waiting before it, finishes after",
    async ({ db, services }) => {
      const team = await projectTeam(db, "Delay");
      const flows = inlineWorkflows(services, db);
      const owner = flows.with(team.owner);
      const id = await deploy(
        owner,
        team.project.id,
        chain(
          trigger(),
          { id: "pause", type: "delay", config: { seconds: 1 } },
          { id: "out", type: "output", config: { expression: '"awake"' } },
        ),
      );
      const started = Date.now();
      const waiting = await runOf(owner, id);
      expect(waiting.run.status).toBe("running");
      expect(stepOf(waiting, "pause").status).toBe("waiting");
      expect(flows.woken).toHaveLength(1);
      const wake = flows.woken[0]!;
      expect(wake.runId).toBe(waiting.run.id);
      expect(wake.at!.getTime() - started).toBeGreaterThanOrEqual(900);
      expect(wake.at!.getTime() - Date.now()).toBeGreaterThan(0);

      await flows.queue.advance(waiting.run.id); // too early
      const early = await getRun({ ctx: owner, input: { runId: waiting.run.id } });
      expect(early.run.status).toBe("running");
      expect(statuses(early)).toEqual({ trigger: "succeeded", pause: "waiting" });

      await sleep(Math.max(0, wake.at!.getTime() - Date.now()) + 50);
      await flows.queue.advance(waiting.run.id);
      const done = await getRun({ ctx: owner, input: { runId: waiting.run.id } });
      expect(done.run).toMatchObject({ status: "succeeded", output: "awake" });
      expect(statuses(done)).toEqual({
        trigger: "succeeded",
        pause: "succeeded",
        out: "succeeded",
      });
    },
  );

  dbTest("an approval that expires takes the timeout branch", async ({ db, services }) => {
    const team = await projectTeam(db, "Timeout");
    const flows = inlineWorkflows(services, db);
    const owner = flows.with(team.owner);
    const id = await deploy(owner, team.project.id, {
      nodes: [
        trigger(),
        { id: "review", type: "approval", config: { prompt: "Ship?", timeoutMinutes: 30 } },
        { id: "yes", type: "output", config: { expression: '"approved"' } },
        { id: "no", type: "output", config: { expression: '"rejected"' } },
        { id: "late", type: "output", config: { expression: "review.decision" } },
      ],
      edges: [
        edge("trigger", "review"),
        edge("review", "yes", "approved"),
        edge("review", "no", "rejected"),
        edge("review", "late", "timeout"),
      ],
    });
    const waiting = await runOf(owner, id);
    const runId = waiting.run.id;
    expect(waiting.run.status).toBe("waiting_approval");
    expect(waiting.approvals).toMatchObject([{ status: "pending", expiresAt: expect.any(String) }]);
    expect(flows.woken.map((w) => w.runId)).toEqual([runId]);
    expect(flows.woken[0]!.at!.getTime()).toBe(Date.parse(waiting.approvals[0]!.expiresAt!));

    await flows.queue.advance(runId); // not expired yet: still waiting
    expect((await getRun({ ctx: owner, input: { runId } })).run.status).toBe("waiting_approval");

    await db
      .update(workflowApprovals)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(workflowApprovals.runId, runId));
    await flows.queue.advance(runId);
    const done = await getRun({ ctx: owner, input: { runId } });
    expect(done.run).toMatchObject({ status: "succeeded", output: "timeout" });
    expect(stepOf(done, "review")).toMatchObject({ status: "succeeded", branch: "timeout" });
    expect(statuses(done)).toMatchObject({ yes: "skipped", no: "skipped", late: "succeeded" });
    expect(done.approvals[0]).toMatchObject({ status: "timed_out", decidedBy: null });
  });
});

describe("retries and on-error policies", () => {
  dbTest(
    "retry.attempts 2 against a server failing twice: succeeded on attempt 3",
    async ({ db, services }) => {
      const team = await projectTeam(db, "Retry");
      const owner = inlineWorkflows(services, db, { httpAllow: "127.0.0.1" }).with(team.owner);
      const key = `retry-${Date.now()}`;
      const id = await deploy(
        owner,
        team.project.id,
        chain(
          trigger(),
          {
            id: "call",
            type: "http",
            config: { url: `${server().url}/flaky/${key}?fail=2` },
            retry: { attempts: 2, backoffMs: 10 },
          },
          { id: "out", type: "output", config: { expression: "call.body.tries" } },
        ),
      );
      const done = await runOf(owner, id);
      expect(done.run).toMatchObject({ status: "succeeded", output: 3 });
      expect(stepOf(done, "call")).toMatchObject({ status: "succeeded", attempt: 3, error: null });
      expect(server().hits(`/flaky/${key}`)).toBe(3);
      const { events } = await listRunEvents({ ctx: owner, input: { runId: done.run.id } });
      const callId = stepOf(done, "call").id;
      const ofCall = events.filter((e) => (e.data as { stepId?: string }).stepId === callId);
      expect(ofCall.map((e) => [e.type, (e.data as { status?: string }).status ?? null])).toEqual([
        ["step_started", null],
        ["step_finished", "failed"],
        ["step_started", null],
        ["step_finished", "failed"],
        ["step_started", null],
        ["step_finished", "succeeded"],
      ]);
    },
  );

  dbTest(
    "continue uses the default output; branch takes the error handle",
    async ({ db, services }) => {
      const team = await projectTeam(db, "OnError");
      const owner = inlineWorkflows(services, db, { httpAllow: "127.0.0.1" }).with(team.owner);
      const failing = { id: "call", type: "http", config: { url: `${server().url}/status/503` } };
      const cont = await deploy(
        owner,
        team.project.id,
        chain(
          trigger(),
          { ...failing, onError: { policy: "continue", default: { fallback: true } } },
          { id: "out", type: "output", config: { expression: "call.fallback" } },
        ),
      );
      const continued = await runOf(owner, cont);
      expect(continued.run).toMatchObject({ status: "succeeded", output: true });
      expect(stepOf(continued, "call")).toMatchObject({
        status: "failed",
        error: { code: "http_status" },
        output: { fallback: true },
      });

      const branch = await deploy(owner, team.project.id, {
        nodes: [
          trigger(),
          { ...failing, onError: { policy: "branch" } },
          { id: "ok", type: "output", config: { expression: "call.status" } },
          { id: "handled", type: "output", config: { expression: '"handled " + call.error.code' } },
        ],
        edges: [
          edge("trigger", "call"),
          edge("call", "ok", "out"),
          edge("call", "handled", "error"),
        ],
      });
      const branched = await runOf(owner, branch);
      expect(branched.run).toMatchObject({ status: "succeeded", output: "handled http_status" });
      expect(stepOf(branched, "call")).toMatchObject({ status: "failed", branch: "error" });
      expect(statuses(branched)).toMatchObject({ ok: "skipped", handled: "succeeded" });
    },
  );
});
