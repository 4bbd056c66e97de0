import "server-only";
import { Cron } from "croner";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflows, workflowVersions } from "@/db/schema";
import { isUniqueViolation } from "../errors";
import type { Logger } from "../log";
import { insertRun, triggerOf } from "./runs/create-run";
import type { RunQueue } from "./runtime/runtime";

/** Whether `cron` (in `timezone`) fires in the minute that starts at `minute`. */
export function firesAt(cron: string, timezone: string, minute: Date): boolean {
  const next = new Cron(cron, { timezone, paused: true }).nextRun(
    new Date(minute.getTime() - 1000),
  );
  return !!next && next.getTime() === minute.getTime();
}

/** A cron pattern and time zone croner accepts, or the reason they are not. */
export function checkSchedule(cron: string, timezone: string): string | null {
  try {
    new Cron(cron, { timezone, paused: true }).nextRun();
    return null;
  } catch (err) {
    return (err as Error).message.slice(0, 200);
  }
}

/**
 * The once-a-minute tick (pg-boss's distributed cron fires it on one instance): every published
 * workflow whose schedule falls in this minute gets one run. The fire time is the run's
 * idempotency key, so a tick delivered twice still makes one run.
 */
export async function fireSchedules(o: {
  db: Db;
  log: Logger;
  queue: RunQueue;
  firedAt: Date;
  maxInFlight?: number;
}) {
  const minute = new Date(Math.floor(o.firedAt.getTime() / 60_000) * 60_000);
  const due = await o.db
    .select({ wf: workflows, graph: workflowVersions.graph })
    .from(workflows)
    .innerJoin(
      workflowVersions,
      and(
        eq(workflowVersions.workflowId, workflows.id),
        eq(workflowVersions.number, workflows.publishedVersion),
      ),
    )
    .where(
      and(
        isNotNull(workflows.publishedVersion),
        sql`${workflows.triggers} @> '["schedule"]'::jsonb`,
      ),
    );
  let fired = 0;
  for (const { wf, graph } of due) {
    const schedule = triggerOf(graph)?.config.schedule;
    if (!schedule || !firesAt(schedule.cron, schedule.timezone, minute)) continue;
    try {
      const { run, created } = await insertRun(o.db, {
        workflowId: wf.id,
        projectId: wf.projectId,
        versionNumber: wf.publishedVersion,
        graph,
        trigger: "schedule",
        input: schedule.input,
        actorId: wf.triggerUserId,
        idempotencyKey: `schedule:${minute.toISOString()}`,
        maxInFlight: o.maxInFlight ?? 100,
      });
      if (created) {
        fired++;
        await o.queue.enqueue(run.id);
      }
    } catch (err) {
      if (!isUniqueViolation(err))
        o.log.warn({ err, workflowId: wf.id }, "a scheduled run was not started");
    }
  }
  return fired;
}
