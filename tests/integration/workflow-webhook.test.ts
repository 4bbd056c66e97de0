import { createHmac, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhookPost } from "@/app/api/workflows/[id]/webhook/route";
import type { DatabaseHandle } from "@/db/client";
import { workflowRuns } from "@/db/schema";
import { fixedDatabase, queryRows } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createServices, type Services } from "@/lib/services";
import {
  createWorkflow,
  publishWorkflow,
  rotateWebhookSecret,
  updateWorkflow,
} from "@/lib/workflows";
import { committedDatabase, TEST_VARS, testLog, useTestServices } from "../helpers/db";
import { call } from "../helpers/http";
import { projectTeam } from "../helpers/team";

// A committed database and the real queue (pg-boss): concurrent requests really race, and a
// created run is really enqueued. No worker runs, so runs stay queued: creation is what
// idempotency is about.
let handle: DatabaseHandle;
let services: Services;
beforeAll(async () => {
  handle = await committedDatabase();
  services = createServices({
    env: parseEnv(TEST_VARS),
    log: testLog,
    database: fixedDatabase(handle),
  });
  useTestServices(services);
});
afterAll(async () => {
  useTestServices(undefined);
  await services.close();
  await handle.close();
});

type Auth = "hmac" | "bearer";
const graph = (webhook?: { auth: Auth }) => ({
  nodes: [
    {
      id: "trigger",
      type: "trigger",
      config: { inputs: [{ name: "text", type: "string" }], ...(webhook && { webhook }) },
    },
    { id: "out", type: "output", config: { expression: "trigger.text" } },
  ],
  edges: [{ id: "e1", source: "trigger", target: "out" }],
});

let teams = 0;
/** A workflow with a webhook trigger, enabled, published and with a secret unless told otherwise. */
async function hook(
  o: {
    auth?: Auth;
    configured?: boolean;
    enabled?: boolean;
    published?: boolean;
    secret?: boolean;
  } = {},
) {
  const { owner, project } = await projectTeam(handle.db, `Hooks ${++teams} ${Date.now()}`);
  const webhook = o.configured === false ? undefined : { auth: o.auth ?? "hmac" };
  const { workflow } = await createWorkflow({
    ctx: owner,
    input: { projectId: project.id, name: "Hook", graph: graph(webhook) },
  });
  const workflowId = workflow.id;
  let revision = workflow.revision;
  if (o.enabled !== false)
    revision = (
      await updateWorkflow({ ctx: owner, input: { workflowId, revision, triggers: ["webhook"] } })
    ).workflow.revision;
  if (o.published !== false) await publishWorkflow({ ctx: owner, input: { workflowId, revision } });
  const secret =
    o.secret === false
      ? ""
      : (await rotateWebhookSecret({ ctx: owner, input: { workflowId } })).secret;
  return { workflowId, secret, owner };
}

const sign = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const post = (workflowId: string, body: string, headers: Record<string, string> = {}) =>
  call(webhookPost, `/api/workflows/${workflowId}/webhook`, {
    params: { id: workflowId },
    body,
    headers: { "content-type": "application/json", ...headers },
  });
const runsOf = (workflowId: string) =>
  handle.db.select().from(workflowRuns).where(eq(workflowRuns.workflowId, workflowId));
const jobsFor = async (runId: string) =>
  (
    await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from pgboss.job where name = 'workflow-run' and data->>'runId' = ${runId}`,
    )
  )[0]!.n;

const HMAC_401 = {
  error: {
    code: "unauthorized",
    message:
      "Sign the body: X-Signature: sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>.",
  },
};
const BEARER_401 = {
  error: {
    code: "unauthorized",
    message: "Send the webhook secret as Authorization: Bearer <secret>.",
  },
};
const NOT_FOUND = { error: { code: "not_found", message: "Workflow not found." } };

describe("workflow webhooks (committed database, real concurrency, real queue)", () => {
  it("10 concurrent identical posts with one Idempotency-Key make one run; another body with the key is 422", async () => {
    const { workflowId, secret } = await hook();
    const body = JSON.stringify({ text: "once" });
    const headers = { "x-signature": sign(secret, body), "idempotency-key": "delivery-1" };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(workflowId, body, headers)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(202));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as {
      run: { id: string; status: string };
      created: boolean;
    }[];
    const ids = new Set(bodies.map((b) => b.run.id));
    expect(ids.size).toBe(1);
    expect(bodies.filter((b) => b.created)).toHaveLength(1);
    expect(bodies.filter((b) => !b.created)).toHaveLength(9);
    const runs = await runsOf(workflowId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      id: [...ids][0],
      status: "queued",
      trigger: "webhook",
      input: { text: "once" },
      idempotencyKey: "delivery-1",
    });
    expect(await jobsFor(runs[0]!.id)).toBe(1); // enqueued once, by the request that created it

    const other = JSON.stringify({ text: "twice" });
    const reused = await post(workflowId, other, {
      "x-signature": sign(secret, other),
      "idempotency-key": "delivery-1",
    });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({
      error: {
        code: "validation",
        message: "This Idempotency-Key was used with another request body.",
        details: { fields: [{ field: "Idempotency-Key", message: "was used with another body" }] },
      },
    });
    // The same body again, later and alone: the same run, not created.
    const again = await post(workflowId, body, headers);
    expect(await again.json()).toEqual({
      run: { id: runs[0]!.id, status: "queued" },
      created: false,
    });
    expect(await runsOf(workflowId)).toHaveLength(1);
  });

  it("without a key every post is a new run, concurrent ones too", async () => {
    const { workflowId, secret } = await hook();
    const body = JSON.stringify({ text: "each" });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        post(workflowId, body, { "x-signature": sign(secret, body) }),
      ),
    );
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as {
      run: { id: string };
      created: boolean;
    }[];
    expect(answers.map((r) => r.status)).toEqual(Array(5).fill(202));
    expect(new Set(bodies.map((b) => b.run.id)).size).toBe(5);
    expect(bodies.every((b) => b.created)).toBe(true);
    expect(await runsOf(workflowId)).toHaveLength(5);
  });

  it("HMAC: a missing or wrong signature, a body changed after signing, or the old secret is 401", async () => {
    const { workflowId, secret, owner } = await hook();
    const body = JSON.stringify({ text: "signed" });
    const refused = [
      await post(workflowId, body),
      await post(workflowId, body, { "x-signature": "sha256=" + "0".repeat(64) }),
      await post(workflowId, body, { "x-signature": sign("whsec_not-the-secret", body) }),
      await post(workflowId, JSON.stringify({ text: "tampered" }), {
        "x-signature": sign(secret, body),
      }),
      await post(workflowId, body, { authorization: `Bearer ${secret}` }), // the other mode's credential
    ];
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(HMAC_401);
    }
    const ok = await post(workflowId, body, { "x-signature": sign(secret, body) });
    expect(ok.status).toBe(202);
    // A rotated secret replaces the old one at once.
    const { secret: fresh } = await rotateWebhookSecret({ ctx: owner, input: { workflowId } });
    expect((await post(workflowId, body, { "x-signature": sign(secret, body) })).status).toBe(401);
    expect((await post(workflowId, body, { "x-signature": sign(fresh, body) })).status).toBe(202);
    expect(await runsOf(workflowId)).toHaveLength(2);
  });

  it("bearer: the secret as Authorization: Bearer starts a run; anything else is 401", async () => {
    const { workflowId, secret } = await hook({ auth: "bearer" });
    const body = JSON.stringify({ text: "bearer" });
    const refused = [
      await post(workflowId, body),
      await post(workflowId, body, { authorization: "Bearer whsec_wrong" }),
      await post(workflowId, body, { "x-signature": sign(secret, body) }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(BEARER_401);
    }
    // Without the Bearer scheme it is not the credential either (the route reads no API key).
    const bare = await post(workflowId, body, { authorization: secret });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual(BEARER_401);
    const ok = await post(workflowId, body, { authorization: `Bearer ${secret}` });
    expect(ok.status).toBe(202);
    const { run, created } = await ok.json();
    expect(created).toBe(true);
    const [row] = await handle.db
      .select()
      .from(workflowRuns)
      .where(and(eq(workflowRuns.workflowId, workflowId), eq(workflowRuns.id, run.id)));
    expect(row).toMatchObject({ status: "queued", input: { text: "bearer" } });
  });

  it("a webhook not enabled, not configured, never published, without a secret, or an unknown id is 404", async () => {
    const cases = [
      await hook({ enabled: false }),
      await hook({ configured: false }),
      await hook({ published: false }),
      await hook({ secret: false }),
    ];
    const body = JSON.stringify({ text: "nobody" });
    // Even correctly signed (with the secret a workflow has, where it has one).
    for (const { workflowId, secret } of cases) {
      const res = await post(workflowId, body, { "x-signature": sign(secret || "x", body) });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(NOT_FOUND);
      expect(await runsOf(workflowId)).toHaveLength(0);
    }
    for (const id of [randomUUID(), "not-a-uuid"]) {
      const res = await post(id, body, { "x-signature": sign("x", body) });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(NOT_FOUND);
    }
  });
});
