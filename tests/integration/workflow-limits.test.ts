import { describe, expect, vi } from "vitest";
import { POST as createProjectPost } from "@/app/api/projects/route";
import { POST as cancelPost } from "@/app/api/workflow-runs/[runId]/cancel/route";
import { PATCH as patchWorkflow } from "@/app/api/workflows/[id]/route";
import { POST as publishPost } from "@/app/api/workflows/[id]/publish/route";
import { POST as runsPost } from "@/app/api/workflows/[id]/runs/route";
import { POST as webhookPost } from "@/app/api/workflows/[id]/webhook/route";
import { POST as createWorkflowPost } from "@/app/api/workflows/route";
import { parseEnv } from "@/lib/env";
import { createServices, type Services } from "@/lib/services";
import { signedInUser } from "../helpers/auth";
import { dbTest, TEST_VARS, useTestServices } from "../helpers/db";
import { call } from "../helpers/http";

/**
 * Services with a small in-flight limit, installed for the route handlers. The queue hop is a
 * no-op: started runs stay queued, so they stay in flight (creation is what the limit is about).
 */
const test = dbTest.extend<{ app: Services }>({
  app: [
    async ({ services }, use) => {
      const env = parseEnv({ ...TEST_VARS, WORKFLOW_MAX_RUNS_IN_FLIGHT: "2" });
      const app = createServices({
        env,
        log: services.log,
        database: services.database,
        limiter: services.limiter,
      });
      vi.spyOn(app.workflows, "enqueue").mockResolvedValue(undefined);
      useTestServices(app);
      await use(app);
      await app.close();
      useTestServices(services);
    },
    { auto: true },
  ],
});

const trigger = {
  id: "trigger",
  type: "trigger",
  config: { inputs: [{ name: "topic", type: "string", required: true }] },
};
const transforms = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    type: "transform",
    config: { expression: "1" },
  }));

/** A signed-in owner of a project with a workflow (a trigger needing "topic"), over HTTP. */
async function setup() {
  await signedInUser("first"); // the first user of a fresh database becomes admin; ours is a member
  const { cookie } = await signedInUser("limits");
  const { project } = await (
    await call(createProjectPost, "/api/projects", { cookie, json: { name: "Limits" } })
  ).json();
  const create = (graph: unknown, name = "Limited") =>
    call(createWorkflowPost, "/api/workflows", {
      cookie,
      json: { projectId: project.id, name, graph },
    });
  const res = await create({ nodes: [trigger], edges: [] });
  expect(res.status).toBe(201);
  const { workflow } = await res.json();
  const params = { id: workflow.id as string };
  const path = (rest = "") => `/api/workflows/${params.id}${rest}`;
  return { cookie, create, params, path };
}

const validation = (field: string, message: string, code?: string) => ({
  error: {
    code: "validation",
    message: `${field}: ${message}`,
    details: { fields: [{ field, message, ...(code && { code }) }] },
  },
});

describe("workflow limits over HTTP: exact error bodies", () => {
  test("a graph of more than 500 nodes or 2,000 edges is 422 naming graph.nodes or graph.edges", async () => {
    const t = await setup();
    const over = await t.create({ nodes: [trigger, ...transforms(500)], edges: [] }, "Big");
    expect(over.status).toBe(422);
    expect(await over.json()).toEqual(validation("graph.nodes", "at most 500 nodes", "too_big"));
    // 500 is allowed (saved with its issues: the 499 transforms are unreachable).
    const at = await t.create({ nodes: [trigger, ...transforms(499)], edges: [] }, "Full");
    expect(at.status).toBe(201);
    expect((await at.json()).workflow.issues).toHaveLength(499);

    const edges = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `e${i}`, source: "trigger", target: "t0" }));
    const patch = (n: number) =>
      call(patchWorkflow, t.path(), {
        cookie: t.cookie,
        params: t.params,
        json: { revision: 1, graph: { nodes: [trigger, ...transforms(1)], edges: edges(n) } },
      });
    const tooMany = await patch(2001);
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toEqual(
      validation("graph.edges", "at most 2000 edges", "too_big"),
    );
    const enough = await patch(2000);
    expect(enough.status).toBe(200);
    expect((await enough.json()).workflow.revision).toBe(2);
  });

  test("a body over the route's cap is 413, before any parsing", async () => {
    const t = await setup();
    const tooBig = (limitBytes: number) => ({
      error: {
        code: "payload_too_large",
        message: `Request body is larger than the limit of ${limitBytes} bytes.`,
        details: { limitBytes },
      },
    });
    const cases = [
      [patchWorkflow, t.path(), 2 * 1024 * 1024],
      [runsPost, t.path("/runs"), 1024 * 1024],
      [publishPost, t.path("/publish"), 8 * 1024],
      [webhookPost, t.path("/webhook"), 1024 * 1024],
    ] as const;
    for (const [handler, path, cap] of cases) {
      const body = JSON.stringify({ revision: 1, input: { topic: "x".repeat(cap) } });
      const res = await call(handler, path, {
        cookie: t.cookie,
        params: t.params,
        body,
        headers: { "content-type": "application/json" },
      });
      expect(res.status, path).toBe(413);
      expect(await res.json(), path).toEqual(tooBig(cap));
    }
  });

  test("runs in flight per project past WORKFLOW_MAX_RUNS_IN_FLIGHT are 429; a missing or mistyped input field is 422", async () => {
    const t = await setup();
    const published = await call(publishPost, t.path("/publish"), {
      cookie: t.cookie,
      params: t.params,
      json: { revision: 1 },
    });
    expect(published.status).toBe(201);
    const start = (input: unknown) =>
      call(runsPost, t.path("/runs"), { cookie: t.cookie, params: t.params, json: { input } });

    const missing = await start({});
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual(validation("input.topic", "is required"));
    const mistyped = await start({ topic: 42 });
    expect(mistyped.status).toBe(422);
    expect(await mistyped.json()).toEqual(validation("input.topic", "must be a string"));

    const runs = [];
    for (const topic of ["a", "b"]) {
      const res = await start({ topic });
      expect(res.status).toBe(202);
      runs.push((await res.json()).run);
    }
    expect(runs.map((r) => r.status)).toEqual(["queued", "queued"]);
    const third = await start({ topic: "c" });
    expect(third.status).toBe(429);
    expect(await third.json()).toEqual({
      error: {
        code: "limit_exceeded",
        message:
          "This project already has 2 runs in flight (the limit is 2); wait for some to finish.",
        details: {
          limit: 2,
          fields: [{ field: "runs", message: "at most 2 in flight per project" }],
        },
      },
    });
    // One ends (cancelled while queued): there is room for one more, and only one.
    const cancelled = await call(cancelPost, `/api/workflow-runs/${runs[0].id}/cancel`, {
      cookie: t.cookie,
      params: { runId: runs[0].id },
      method: "POST",
    });
    expect((await cancelled.json()).run.status).toBe("cancelled");
    expect((await start({ topic: "d" })).status).toBe(202);
    expect((await start({ topic: "e" })).status).toBe(429);
  });
});
