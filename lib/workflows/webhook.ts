import "server-only";
import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { projects, workflows, workflowVersions } from "@/db/schema";
import type { Ctx } from "../context";
import { AppError, notFound, unauthorized } from "../errors";
import { isUuid } from "../ids";
import { sameSecret, unseal } from "../crypto/seal";
import { assertStorableJson } from "../text-guard";
import { assertActive } from "../projects/access";
import { insertRun, triggerOf } from "./runs/create-run";
import { toRunView } from "./views";
import { WEBHOOK_SEAL } from "./webhook-secret";

export interface WebhookRequest {
  workflowId: string;
  /** The raw body, as signed. */
  body: string;
  signature?: string | null;
  authorization?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Starts a run from a webhook (no user session: the secret is the credential; the run acts for
 * the workflow's publisher). Unknown workflow, a webhook not enabled, or a wrong secret: 404 /
 * 401 alike for every caller. `Idempotency-Key`: one run per key; another body with it is 422.
 */
export async function triggerWebhook({ ctx, input }: { ctx: Ctx; input: WebhookRequest }) {
  if (!isUuid(input.workflowId)) throw notFound("Workflow");
  const [wf] = await ctx.db.select().from(workflows).where(eq(workflows.id, input.workflowId));
  if (!wf || !wf.triggers.includes("webhook") || !wf.publishedVersion || !wf.webhookSecret)
    throw notFound("Workflow");
  const [version] = await ctx.db
    .select()
    .from(workflowVersions)
    .where(
      and(eq(workflowVersions.workflowId, wf.id), eq(workflowVersions.number, wf.publishedVersion)),
    );
  const trigger = triggerOf(version!.graph);
  const secret = unseal(wf.webhookSecret, ctx.env.secretKey!, WEBHOOK_SEAL);
  if (!trigger?.config.webhook || !secret) throw notFound("Workflow");
  const ok =
    trigger.config.webhook.auth === "bearer"
      ? !!input.authorization && sameSecret(input.authorization, `Bearer ${secret}`)
      : !!input.signature &&
        sameSecret(
          input.signature.toLowerCase(),
          `sha256=${createHmac("sha256", secret).update(input.body).digest("hex")}`,
        );
  if (!ok)
    throw unauthorized(
      trigger.config.webhook.auth === "bearer"
        ? "Send the webhook secret as Authorization: Bearer <secret>."
        : "Sign the body: X-Signature: sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>.",
    );
  // Only a caller holding the secret hears it: an archived project starts no runs (as startRun).
  const [project] = await ctx.db.select().from(projects).where(eq(projects.id, wf.projectId));
  assertActive(project!);
  let payload: unknown;
  try {
    payload = input.body ? JSON.parse(input.body) : {};
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  // What a run's input cannot hold (NUL, lone surrogates, 512+ levels) is refused here, by field.
  assertStorableJson(payload, { prefix: ["body"] });
  const key = input.idempotencyKey?.trim();
  if (key && (key.length > 200 || /[\u0000-\u001f]/.test(key)))
    throw new AppError("validation", "Idempotency-Key must be at most 200 printable characters.", {
      fields: [{ field: "Idempotency-Key", message: "at most 200 printable characters" }],
    });
  const { run, created } = await insertRun(ctx.db, {
    workflowId: wf.id,
    projectId: wf.projectId,
    versionNumber: wf.publishedVersion,
    graph: version!.graph,
    trigger: "webhook",
    input: payload,
    actorId: wf.triggerUserId,
    idempotencyKey: key || undefined,
    maxInFlight: ctx.env.workflows.maxRunsInFlight,
  });
  if (created) await ctx.workflows.enqueue(run.id);
  return { run: toRunView(run), created };
}
