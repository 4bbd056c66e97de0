import "server-only";
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "../db";
import type { Logger } from "../log";

/** Queue names: advance a run (start, resume, wake up), and the once-a-minute schedule tick. */
export const RUN_QUEUE = "workflow-run";
export const TICK_QUEUE = "workflow-tick";

export interface RunJob {
  runId: string;
}

/**
 * The job queue (pg-boss 10 on the app's own database: PGlite through its executeSql adapter,
 * PostgreSQL through postgres.js, one code path). Runs are started and resumed through it; the
 * worker that takes a run executes its ready steps itself (a queue hop per step would cost a
 * polling interval each), checkpointing every step in the database.
 *
 * pg-boss workers poll (every 0.5 s, its minimum) and sleep after each job too. So a worker that
 * finished a job asks again at once (it sleeps only when the queue is empty), and a job enqueued
 * here wakes one of this process's idle workers; other instances still find it by polling.
 */
export interface WorkflowQueue {
  /** Asks for a run to be advanced (now, or at `startAfter`). */
  enqueue(runId: string, startAfter?: Date): Promise<void>;
  /** Takes run jobs until stopped; `handler` returns when the run is done or waiting. */
  work(handler: (job: RunJob) => Promise<void>, concurrency: number): Promise<void>;
  /** The schedule tick: pg-boss's distributed cron fires it once a minute across instances. */
  onTick(handler: (firedAt: Date) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export async function openQueue(
  handle: DatabaseHandle,
  log: Logger,
  opts: { pollingIntervalSeconds?: number; schedule?: boolean } = {},
): Promise<WorkflowQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => handle.executeSql(text, values) },
    schema: "pgboss",
    schedule: opts.schedule ?? true,
    // Runs are leased in our own tables; a job only says "look at this run".
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 15 * 60,
  });
  boss.on("error", (err) => log.warn({ err }, "job queue error"));
  await boss.start();
  try {
    await createQueue(boss, RUN_QUEUE);
    await createQueue(boss, TICK_QUEUE);
  } catch (err) {
    // Not left polling and maintaining with no one to use it (start-up is tried again).
    await boss.stop({ graceful: false, close: false }).catch(() => undefined);
    throw err;
  }
  const polling = opts.pollingIntervalSeconds ?? 0.5;
  const workers: string[] = [];
  /** This process's run workers that are not inside a job (polling, or sleeping between polls). */
  const idle = new Set<string>();
  return {
    async enqueue(runId, startAfter) {
      await boss.send(RUN_QUEUE, { runId } satisfies RunJob, startAfter ? { startAfter } : {});
      const next = startAfter ? undefined : idle.values().next().value;
      if (next) {
        // Round robin: the next enqueue wakes another idle worker (one woken for nothing stays idle).
        idle.delete(next);
        idle.add(next);
        boss.notifyWorker(next);
      }
    },
    async work(handler, concurrency) {
      for (let i = 0; i < concurrency; i++) {
        const me = { id: "" };
        me.id = await boss.work<RunJob>(
          RUN_QUEUE,
          { batchSize: 1, pollingIntervalSeconds: polling },
          async (jobs) => {
            idle.delete(me.id);
            try {
              for (const job of jobs) await handler(job.data);
            } finally {
              if (me.id) {
                idle.add(me.id);
                boss.notifyWorker(me.id); // skip the sleep: more jobs may be waiting
              }
            }
          },
        );
        idle.add(me.id);
        workers.push(me.id);
      }
    },
    async onTick(handler) {
      await boss.schedule(TICK_QUEUE, "* * * * *", {}, { tz: "UTC" });
      workers.push(
        await boss.work(TICK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async (jobs) => {
          for (const _job of jobs) await handler(new Date());
        }),
      );
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000, close: false, wait: true });
    },
  };
}

/**
 * pg-boss 10 creates a queue (a row, then its partition table and indexes) without a lock: two
 * instances starting on a new database at once deadlock there every time (40P01), and the
 * loser used to run with no worker. Its retry finds the queue made (ON CONFLICT DO NOTHING).
 */
async function createQueue(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boss.createQueue(name);
    } catch (err) {
      if (attempt >= 5 || (err as { code?: unknown }).code !== "40P01") throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}
