import { createHmac } from "node:crypto";
import { describe, expect } from "vitest";
import { POST as webhook } from "@/app/api/workflows/[id]/webhook/route";
import {
  createWorkflow,
  getRun,
  publishWorkflow,
  rotateWebhookSecret,
  updateWorkflow,
} from "@/lib/workflows";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";
import { projectTeam } from "../helpers/team";

async function hook(db: Parameters<typeof projectTeam>[0], auth: "hmac" | "bearer") {
  const team = await projectTeam(db, `Hooks ${auth}`);
  const graph = {
    nodes: [
      {
        id: "trigger",
        type: "trigger",
        config: { inputs: [{ name: "n", type: "number" }], webhook: { auth } },
      },
      { id: "out", type: "output", config: { expression: "trigger.n + 1" } },
    ],
    edges: [{ id: "e", source: "trigger", target: "out" }],
  };
  const { workflow } = await createWorkflow({
    ctx: team.owner,
    input: { projectId: team.project.id, name: "Hook", graph },
  });
  const { workflow: w } = await updateWorkflow({
    ctx: team.owner,
    input: { workflowId: workflow.id, revision: workflow.revision, triggers: ["webhook"] },
  });
  await publishWorkflow({
    ctx: team.owner,
    input: { workflowId: workflow.id, revision: w.revision },
  });
  const { secret } = await rotateWebhookSecret({
    ctx: team.owner,
    input: { workflowId: workflow.id },
  });
  return { team, id: workflow.id, secret };
}

describe("POST /api/workflows/:id/webhook (the secret is the credential, not a session or API key)", () => {
  dbTest(
    "bearer mode: the webhook secret in Authorization is not mistaken for an API key",
    async ({ db }) => {
      const { team, id, secret } = await hook(db, "bearer");
      const res = await call(webhook, `/api/workflows/${id}/webhook`, {
        json: { n: 41 },
        params: { id },
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(res.status).toBe(202);
      const body = (await res.json()) as { run: { id: string }; created: boolean };
      expect(body.created).toBe(true);
      const { run } = await getRun({ ctx: team.owner, input: { runId: body.run.id } });
      expect(run).toMatchObject({ status: "succeeded", output: 42, trigger: "webhook" });
      const wrong = await call(webhook, `/api/workflows/${id}/webhook`, {
        json: { n: 1 },
        params: { id },
        headers: { authorization: "Bearer whsec_wrong" },
      });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({
        error: {
          code: "unauthorized",
          message: "Send the webhook secret as Authorization: Bearer <secret>.",
        },
      });
    },
  );

  dbTest(
    "hmac mode: a signed raw body is accepted, a tampered one is not, and a session cookie does not help",
    async ({ db }) => {
      const { id, secret } = await hook(db, "hmac");
      const raw = JSON.stringify({ n: 1 });
      const signature = `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
      const ok = await call(webhook, `/api/workflows/${id}/webhook`, {
        body: raw,
        params: { id },
        headers: { "content-type": "application/json", "x-signature": signature },
      });
      expect(ok.status).toBe(202);
      const tampered = await call(webhook, `/api/workflows/${id}/webhook`, {
        body: JSON.stringify({ n: 2 }),
        params: { id },
        headers: { "content-type": "application/json", "x-signature": signature },
        cookie: "authjs.session-token=whatever",
      });
      expect(tampered.status).toBe(401);
      const nul = JSON.stringify({ n: 1, note: "a\u0000b" });
      const refused = await call(webhook, `/api/workflows/${id}/webhook`, {
        body: nul,
        params: { id },
        headers: {
          "content-type": "application/json",
          "x-signature": `sha256=${createHmac("sha256", secret).update(nul).digest("hex")}`,
        },
      });
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { error: { details: unknown } }).error.details).toEqual({
        fields: [
          {
            field: "body.note",
            message: "must not contain a NUL character (\\u0000)",
            code: "invalid_text",
          },
        ],
      });
      const unknown = await call(
        webhook,
        "/api/workflows/00000000-0000-4000-8000-000000000000/webhook",
        {
          body: raw,
          params: { id: "00000000-0000-4000-8000-000000000000" },
          headers: { "x-signature": signature },
        },
      );
      expect(unknown.status).toBe(404);
    },
  );
});
