import "server-only";
import { and, eq, gt, inArray, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import { workflowApprovals, workflowRuns } from "@/db/schema";
import type { Ctx } from "../context";
import { sameSecret } from "../crypto/seal";
import { notFound, unauthorized } from "../errors";
import { fireSchedules } from "./schedules";

const BUDGET_MS = 45_000;

/**
 * Where no worker lives (Vercel: no long-lived process), Vercel Cron calls this every minute: it
 * advances the runs that are due — queued, woken (delay or approval timeout), decided, or left by
 * a dead worker — for at most 45 s, then returns what it did. The next call continues.
 */
export async function workQueueFor({
  ctx,
  authorization,
}: {
  ctx: Ctx;
  authorization: string | null;
}) {
  const secret = ctx.env.workflows.cronSecret;
  if (!secret) throw notFound("Route");
  if (!sameSecret(authorization ?? "", `Bearer ${secret}`))
    throw unauthorized("Send Authorization: Bearer <CRON_SECRET>.");
  const started = Date.now();
  // A waiting run is due when none of its approvals is still open, or an open one has expired
  // (a run decided long ago has moved on: it is not waiting any more, so it is never picked again).
  const open = ctx.db
    .select({ id: workflowApprovals.runId })
    .from(workflowApprovals)
    .where(
      and(
        eq(workflowApprovals.status, "pending"),
        or(isNull(workflowApprovals.expiresAt), gt(workflowApprovals.expiresAt, sql`now()`)),
      ),
    );
  const due = await ctx.db
    .select({ id: workflowRuns.id })
    .from(workflowRuns)
    .where(
      or(
        and(
          inArray(workflowRuns.status, ["queued", "running"]),
          or(isNull(workflowRuns.leaseUntil), lte(workflowRuns.leaseUntil, sql`now()`)),
          or(isNull(workflowRuns.wakeAt), lte(workflowRuns.wakeAt, sql`now()`)),
        ),
        and(eq(workflowRuns.status, "waiting_approval"), notInArray(workflowRuns.id, open)),
      ),
    )
    .orderBy(workflowRuns.createdAt)
    .limit(100);
  // No worker means no schedule tick either: this minute's schedules fire from here (once: the
  // fire time is their runs' idempotency key).
  const scheduled = await fireSchedules({
    db: ctx.db,
    log: ctx.log,
    queue: ctx.workflows,
    firedAt: ctx.clock.now(),
    maxInFlight: ctx.env.workflows.maxRunsInFlight,
  });
  let advanced = 0;
  for (const r of due) {
    if (Date.now() - started > BUDGET_MS) break;
    await ctx.workflows.advance(r.id);
    advanced++;
  }
  return { due: due.length, advanced, scheduled, ms: Date.now() - started };
}
