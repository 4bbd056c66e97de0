import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { POST as createPost } from "@/app/api/workflows/route";
import { POST as webhookPost } from "@/app/api/workflows/[id]/webhook/route";
import { GET as cronGet } from "@/app/api/workflows/cron/route";
import { POST as publishPost } from "@/app/api/workflows/[id]/publish/route";
import { POST as validatePost } from "@/app/api/workflows/validate/route";
import { users } from "@/db/schema";
import { parseEnv } from "@/lib/env";
import { createProject } from "@/lib/projects";
import { createServices, type Services } from "@/lib/services";
import type { UserActor } from "@/lib/context";
import {
  createWorkflow,
  getRun,
  publishWorkflow,
  rotateWebhookSecret,
  startRun,
  updateWorkflow,
  validateGraph,
} from "@/lib/workflows";
import { signedInUser } from "../helpers/auth";
import { dbTest, makeCtx, TEST_VARS, testLog, useTestServices } from "../helpers/db";
import { call } from "../helpers/http";
import { projectTeam } from "../helpers/team";
import { chain, deploy, trigger } from "../helpers/workflow-nodes";
import { inlineWorkflows } from "../helpers/workflows";

// The cron route (where no worker lives) and expression safety as the API reports it.
const SECRET = "cron-secret-for-tests-0123456789";
const simple = chain(
  trigger([{ name: "who" }]),
  { id: "greet", type: "transform", config: { expression: '"hello " + trigger.who' } },
  { id: "out", type: "output", config: { expression: "greet" } },
);
const noQueue = { enqueue: async () => {}, advance: async () => {} };

describe("GET /api/workflows/cron", () => {
  dbTest("unset CRON_SECRET: 404", async ({ services }) => {
    expect(services.env.workflows.cronSecret).toBeUndefined();
    const res = await call(cronGet, "/api/workflows/cron", {
      headers: { authorization: `Bearer ${SECRET}` },
    });
    expect(res.status).toBe(404);
  });

  dbTest(
    "without or with a wrong bearer: 401; with the right one it advances a queued run",
    async ({ db, services }) => {
      const env = parseEnv({ ...TEST_VARS, CRON_SECRET: SECRET });
      const app = createServices({
        env,
        log: testLog,
        database: services.database,
        limiter: services.limiter,
      });
      useTestServices(app);
      try {
        const team = await projectTeam(db, "Cron");
        const owner = { ...team.owner, workflows: noQueue }; // no worker: the run stays queued
        const id = await deploy(owner, team.project.id, simple);
        const { run } = await startRun({
          ctx: owner,
          input: { workflowId: id, input: { who: "cron" } },
        });
        expect(run.status).toBe("queued");
        const refused: Record<string, string>[] = [
          {},
          { authorization: "Bearer wrong" },
          { authorization: SECRET },
        ];
        for (const headers of refused) {
          const res = await call(cronGet, "/api/workflows/cron", { headers });
          expect(res.status).toBe(401);
          expect((await res.json()).error).toMatchObject({ code: "unauthorized" });
        }
        expect((await getRun({ ctx: owner, input: { runId: run.id } })).run.status).toBe("queued");
        const res = await call(cronGet, "/api/workflows/cron", {
          headers: { authorization: `Bearer ${SECRET}` },
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ due: 1, advanced: 1 });
        const done = await getRun({ ctx: owner, input: { runId: run.id } });
        expect(done.run).toMatchObject({ status: "succeeded", output: "hello cron" });
      } finally {
        await app.close();
        useTestServices(services);
      }
    },
  );
});

describe("POST /api/workflows/:id/webhook with bearer auth", () => {
  dbTest(
    "the webhook's own Bearer secret starts a run (it is not taken for an API key)",
    async ({ db, services }) => {
      const flows = inlineWorkflows(services, db);
      // The route's ctx takes its queue from the installed services: here the inline one.
      useTestServices({ ...services, workflows: flows.queue } as unknown as Services);
      const team = await projectTeam(db, "Hook");
      const owner = flows.with(team.owner);
      const hook = {
        ...trigger(),
        config: { inputs: [{ name: "who" }], webhook: { auth: "bearer" } },
      };
      const graph = { ...simple, nodes: [hook, ...simple.nodes.slice(1)] };
      const { workflow } = await createWorkflow({
        ctx: owner,
        input: { projectId: team.project.id, name: "Hook", graph },
      });
      const { workflow: w2 } = await updateWorkflow({
        ctx: owner,
        input: { workflowId: workflow.id, revision: workflow.revision, triggers: ["webhook"] },
      });
      await publishWorkflow({
        ctx: owner,
        input: { workflowId: workflow.id, revision: w2.revision },
      });
      const { secret, url } = await rotateWebhookSecret({
        ctx: owner,
        input: { workflowId: workflow.id },
      });
      const send = (authorization: string) =>
        call(webhookPost, url, {
          params: { id: workflow.id },
          headers: { authorization, "content-type": "application/json" },
          body: JSON.stringify({ who: "hook" }),
        });
      const wrong = await send("Bearer whsec_wrong");
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).error.message).toContain("webhook secret");
      const res = await send(`Bearer ${secret}`);
      expect(res.status).toBe(202);
      const { run } = await res.json();
      const done = await getRun({ ctx: owner, input: { runId: run.id } });
      expect(done.run).toMatchObject({
        status: "succeeded",
        trigger: "webhook",
        output: "hello hook",
      });
    },
  );
});

const escapes = ['"".constructor.constructor("return process")()', "__proto__"];
const guarded = (expression: string) => ({
  nodes: [
    trigger(),
    { id: "check", type: "condition", config: { expression } },
    { id: "out", type: "output", config: { expression: '"yes"' } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "check" },
    { id: "e2", source: "check", sourceHandle: "true", target: "out" },
  ],
});

describe("expression safety at the API", () => {
  dbTest.each(escapes)("validateGraph: %s is an invalid_config issue on its node", (expression) => {
    const v = validateGraph(guarded(expression));
    expect(v.ok).toBe(false);
    expect(v.issues).toEqual([
      {
        code: "invalid_config",
        nodeId: "check",
        field: "config.expression",
        message: expect.any(String),
      },
    ]);
  });

  dbTest("over HTTP: validate reports it and publish is refused with 422", async ({ db }) => {
    await signedInUser("first"); // the first user becomes admin; the owner below is a member
    const signed = await signedInUser("owner");
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
    const { project } = await createProject({
      ctx: await makeCtx(db, actor),
      input: { name: "Escapes" },
    });
    const cookie = signed.cookie;
    for (const expression of escapes) {
      const graph = guarded(expression);
      const checked = await call(validatePost, "/api/workflows/validate", {
        cookie,
        json: { graph },
      });
      expect(checked.status).toBe(200);
      expect(await checked.json()).toMatchObject({
        ok: false,
        issues: [{ code: "invalid_config", nodeId: "check", field: "config.expression" }],
      });
      // A draft may be invalid (the canvas saves work in progress); publishing it is refused.
      const created = await call(createPost, "/api/workflows", {
        cookie,
        json: { projectId: project.id, name: `Escape ${expression.length}`, graph },
      });
      expect(created.status).toBe(201);
      const { workflow } = await created.json();
      expect(workflow.issues).toMatchObject([{ code: "invalid_config", nodeId: "check" }]);
      const published = await call(publishPost, `/api/workflows/${workflow.id}/publish`, {
        cookie,
        params: { id: workflow.id },
        json: { revision: workflow.revision },
      });
      expect(published.status).toBe(422);
      const { error } = await published.json();
      expect(error).toMatchObject({
        code: "validation",
        details: { issues: [{ code: "invalid_config", nodeId: "check" }] },
      });
      expect(error.details.fields).toEqual([
        { field: "graph.check.config.expression", message: expect.any(String) },
      ]);
    }
  });

  dbTest(
    "trigger inputs sent without type or required get the schema's defaults",
    async ({ db }) => {
      const team = await projectTeam(db, "Defaults");
      const owner = { ...team.owner, workflows: noQueue };
      const id = await deploy(owner, team.project.id, simple); // `who`: no type, no required
      const missing = await startRun({ ctx: owner, input: { workflowId: id, input: {} } }).catch(
        (e: unknown) => e,
      );
      expect(missing).toMatchObject({
        code: "validation",
        details: { fields: [{ field: "input.who", message: "is required" }] },
      });
      const wrong = await startRun({
        ctx: owner,
        input: { workflowId: id, input: { who: 7 } },
      }).catch((e: unknown) => e);
      expect(wrong).toMatchObject({
        details: { fields: [{ field: "input.who", message: "must be a string" }] },
      });
    },
  );
});
