import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { workflows } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { WEBHOOK_SECRET_PREFIX } from "../auth/actor";
import { seal } from "../crypto/seal";
import { requireUser } from "../auth/authorize";
import { withTransaction, type Ctx } from "../context";
import { getWorkflowForActor } from "./access";
import { WorkflowRef } from "./schemas";

export const WEBHOOK_SEAL = "workflow-webhook";

/**
 * Makes a new webhook secret (editors and owners): shown once, stored sealed; the old one
 * stops working at once. Audited.
 */
export async function rotateWebhookSecret({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const actor = requireUser(ctx, { scope: "write" });
  const { workflowId } = WorkflowRef.parse(input);
  return withTransaction(ctx, async (tx) => {
    const { workflow } = await getWorkflowForActor({
      db: tx.db,
      id: workflowId,
      actor,
      minRole: "editor",
      active: true,
    });
    const secret = `${WEBHOOK_SECRET_PREFIX}${randomBytes(24).toString("base64url")}`;
    await tx.db
      .update(workflows)
      .set({ webhookSecret: seal(secret, ctx.env.secretKey!, WEBHOOK_SEAL) })
      .where(eq(workflows.id, workflow.id));
    await recordAudit(tx, {
      action: "workflow.webhook_secret",
      targetType: "workflow",
      targetId: workflow.id,
    });
    return { secret, url: `/api/workflows/${workflow.id}/webhook` };
  });
}
