import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { GET as eventsGet } from "@/app/api/workflow-runs/[runId]/events/route";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { UserActor } from "@/lib/context";
import type { Services } from "@/lib/services";
import { createProject } from "@/lib/projects";
import { getRun, listRunEvents, rerunFromStep } from "@/lib/workflows";
import { signedInUser } from "../helpers/auth";
import { dbTest, makeCtx, useTestServices } from "../helpers/db";
import { startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { call } from "../helpers/http";
import { fakeProviderServices } from "../helpers/router";
import { projectTeam } from "../helpers/team";
import {
  chain,
  deploy,
  runOf,
  statuses,
  stepOf,
  trigger,
  useScriptedServer,
} from "../helpers/workflow-nodes";
import { inlineWorkflows } from "../helpers/workflows";

// Re-running from a failed step, and a run's event history (the service and the SSE route).
const server = useScriptedServer();
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: "sk-test" });
});
afterAll(() => fake.close());

const test = dbTest.extend<{ app: Services }>({
  app: async ({ services }, use) => {
    const app = fakeProviderServices(services, fake);
    useTestServices(app);
    await use(app);
    await app.close();
    useTestServices(services);
  },
});

describe("re-run from a failed step", () => {
  test("earlier steps are reused (not executed again); the failed one runs again and succeeds", async ({
    db,
    app,
  }) => {
    const team = await projectTeam(db, "Rerun");
    const owner = inlineWorkflows(app, db, { httpAllow: "127.0.0.1" }).with(team.owner);
    const key = `rerun-${Date.now()}`;
    const id = await deploy(
      owner,
      team.project.id,
      chain(
        trigger([{ name: "tag" }]),
        { id: "ask", type: "llm", config: { prompt: "Name a color for {{ trigger.tag }}" } },
        { id: "X", type: "http", config: { url: `${server().url}/flaky/${key}?fail=1` } },
        {
          id: "out",
          type: "output",
          config: { expression: '{"color": ask.text, "tries": X.body.tries}' },
        },
      ),
    );
    const aiBefore = fake.calls.length;
    const failed = await runOf(owner, id, { tag: "t1" });
    expect(failed.run).toMatchObject({
      status: "failed",
      error: { code: "http_status", nodeId: "X" },
    });
    expect(fake.calls.length - aiBefore).toBe(1);
    expect(server().hits(`/flaky/${key}`)).toBe(1);

    const { run } = await rerunFromStep({
      ctx: owner,
      input: { runId: failed.run.id, fromNodeId: "X" },
    });
    const again = await getRun({ ctx: owner, input: { runId: run.id } });
    expect(again.run).toMatchObject({
      status: "succeeded",
      trigger: "rerun",
      rerunOf: failed.run.id,
      input: { tag: "t1" },
      output: { color: "echo: Name a color for t1", tries: 2 },
    });
    expect(again.steps.map((s) => [s.nodeId, s.status, s.reused])).toEqual([
      ["trigger", "succeeded", true],
      ["ask", "succeeded", true],
      ["X", "succeeded", false],
      ["out", "succeeded", false],
    ]);
    expect(stepOf(again, "ask").output).toEqual(stepOf(failed, "ask").output);
    expect(fake.calls.length - aiBefore).toBe(1); // the model was not asked again
    expect(server().hits(`/flaky/${key}`)).toBe(2);
    // The failed run keeps its history.
    const old = await getRun({ ctx: owner, input: { runId: failed.run.id } });
    expect(statuses(old)).toEqual({ trigger: "succeeded", ask: "succeeded", X: "failed" });
  });
});

/** A registered, signed-in user (a session cookie) and a ctx acting as them. */
async function signedIn(db: Db, tag: string) {
  const signed = await signedInUser(tag);
  const [u] = await db.select().from(users).where(eq(users.id, signed.user.id));
  const actor: UserActor = {
    kind: "user",
    userId: u!.id,
    email: u!.email,
    role: u!.role,
    tier: u!.tier,
    via: "session",
    scopes: ["read", "write"],
  };
  return { cookie: signed.cookie, ctx: { ...(await makeCtx(db, actor)), actor } };
}

const simple = chain(
  trigger(),
  { id: "t", type: "transform", config: { expression: "[1, 2]" } },
  { id: "out", type: "output", config: { expression: "size(t)" } },
);

describe("a run's events", () => {
  dbTest(
    "listRunEvents: run status and each step's start and end, in order",
    async ({ db, services }) => {
      const team = await projectTeam(db, "Events");
      const owner = inlineWorkflows(services, db).with(team.owner);
      const done = await runOf(owner, await deploy(owner, team.project.id, simple));
      expect(done.run).toMatchObject({ status: "succeeded", output: 2 });
      const { events, status } = await listRunEvents({ ctx: owner, input: { runId: done.run.id } });
      expect(status).toBe("succeeded");
      const nodeOf = new Map(done.steps.map((s) => [s.id, s.nodeId]));
      const summary = events.map((e) => {
        const d = e.data as { status?: string; stepId?: string };
        return e.type === "run_status" ? `run ${d.status}` : `${e.type} ${nodeOf.get(d.stepId!)}`;
      });
      expect(summary).toEqual([
        "run queued",
        "run running",
        "step_started trigger",
        "step_finished trigger",
        "step_started t",
        "step_finished t",
        "step_started out",
        "step_finished out",
        "run succeeded",
      ]);
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
      const after = await listRunEvents({
        ctx: owner,
        input: { runId: done.run.id, after: events[5]!.id },
      });
      expect(after.events.map((e) => e.id)).toEqual(events.slice(6).map((e) => e.id));
    },
  );

  dbTest(
    "the SSE route streams a finished run's events and ends; another user's run is 404",
    async ({ db, services }) => {
      await signedInUser("first"); // the first user becomes admin; the two below are members
      const alice = await signedIn(db, "alice");
      const bob = await signedIn(db, "bob");
      const { project } = await createProject({ ctx: alice.ctx, input: { name: "Streams" } });
      const ctx = inlineWorkflows(services, db).with(alice.ctx);
      const done = await runOf(ctx, await deploy(ctx, project.id, simple));
      const path = `/api/workflow-runs/${done.run.id}/events`;
      const params = { runId: done.run.id };

      const res = await call(eventsGet, path, { cookie: alice.cookie, params });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const text = await res.text();
      const types = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
      expect(types).toEqual([
        "run_status",
        "run_status",
        ...Array(3).fill(["step_started", "step_finished"]).flat(),
        "run_status",
        "end",
      ]);
      expect(text.endsWith('event: end\ndata: {"status":"succeeded"}\n\n')).toBe(true);
      const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      // Resuming after the 7th event (Last-Event-ID) sends only the rest.
      const resumed = await call(eventsGet, path, {
        cookie: alice.cookie,
        params,
        headers: { "last-event-id": String(ids[6]) },
      });
      expect([...(await resumed.text()).matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual([
        "step_finished",
        "run_status",
        "end",
      ]);

      const other = await call(eventsGet, path, { cookie: bob.cookie, params });
      expect(other.status).toBe(404);
      expect((await other.json()).error).toMatchObject({ code: "not_found" });
      const anonymous = await call(eventsGet, path, { params });
      expect(anonymous.status).toBe(401);
    },
  );
});
