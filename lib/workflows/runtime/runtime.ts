import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, inArray, isNotNull, lt, or, sql, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowRuns } from "@/db/schema";
import type { Ctx, UserActor } from "../../context";
import type { DatabaseProvider } from "../../db";
import type { Env } from "../../env";
import type { Logger } from "../../log";
import { openQueue, type WorkflowQueue } from "../queue";
import { advanceRun, type AdvanceDeps } from "./advance";
import { realEffects } from "./effects";

/** What services use to hand a run to the workers (`ctx.workflows`). */
export interface RunQueue {
  enqueue(runId: string, startAfter?: Date): Promise<void>;
  /** Advances a run in this process now (the cron route where no worker lives). */
  advance(runId: string): Promise<void>;
}

export interface RuntimeOptions {
  env: Env;
  log: Logger;
  database: DatabaseProvider;
  stopping: AbortSignal;
  ctxFor(actor: UserActor, runId: string, db: Db): Promise<Ctx>;
  /** Schedules fire from here (lib/workflows/schedules.ts), once a minute across instances. */
  onTick?: (firedAt: Date, db: Db) => Promise<void>;
  leaseMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * The workflow runtime of one process: the queue (opened on first use), the worker that takes
 * run jobs, and the sweep that hands runs whose worker died (lease expired) to a worker again.
 */
export class WorkflowRuntime implements RunQueue {
  private queue?: Promise<WorkflowQueue>;
  private sweeper?: ReturnType<typeof setInterval>;
  private readonly leaseMs: number;

  /** Aborted when this runtime closes (or the process's drain deadline passes): runs in hand stop. */
  private readonly closing = new AbortController();

  constructor(private readonly o: RuntimeOptions) {
    this.leaseMs = o.leaseMs ?? 15_000;
    const stop = () => this.closing.abort();
    if (o.stopping.aborted) stop();
    else o.stopping.addEventListener("abort", stop, { once: true });
  }

  private open(): Promise<WorkflowQueue> {
    this.queue ??= this.o.database.handle().then((h) => openQueue(h, this.o.log));
    this.queue.catch(() => (this.queue = undefined));
    return this.queue;
  }

  async enqueue(runId: string, startAfter?: Date): Promise<void> {
    await (await this.open()).enqueue(runId, startAfter);
  }

  deps(db: Db): AdvanceDeps {
    return {
      db,
      // A token per claim (host:pid:…): two jobs for one run in this process never both hold it.
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      leaseMs: this.leaseMs,
      ctxFor: (actor, runId) => this.o.ctxFor(actor, runId, db),
      effects: (ctx, run) => realEffects(ctx, run),
      enqueue: (id, at) => this.enqueue(id, at),
      maxRunMs: this.o.env.workflows.runMaxSeconds * 1000,
      sleep,
      stopping: this.closing.signal,
    };
  }

  private readonly inHand = new Set<Promise<void>>();
  private readonly advancing = new Set<string>();

  /** Advances one run in this process (the queue worker, the cron route, tests). */
  async advance(runId: string): Promise<void> {
    // A second job for a run this process is already advancing has nothing to do: the one in
    // hand goes as far as the run can, and a wake-up it leaves is a job of its own.
    if (this.advancing.has(runId)) return;
    // Closing: no new work (a run handed back is another instance's to continue).
    if (this.closing.signal.aborted) return;
    this.advancing.add(runId);
    const p = this.o.database.db().then((db) => advanceRun(this.deps(db), runId));
    this.inHand.add(p);
    try {
      await p;
    } finally {
      this.inHand.delete(p);
      this.advancing.delete(runId);
    }
  }

  /** Starts taking jobs; `embedded`: this process owns the database, so no other worker lives. */
  async startWorker(opts: { embedded: boolean }): Promise<void> {
    const q = await this.open();
    // The periodic sweep is set up before anything below can fail: a first sweep that failed
    // (PostgreSQL slow for a moment at start) used to leave this process without one, so runs
    // whose worker died were never taken over (tests/e2e/workflow-restart.spec.ts).
    const sweepLater = () =>
      void this.sweep(false).catch((err: unknown) =>
        this.o.log.warn({ err }, "workflow sweep failed; trying again in a lease period"),
      );
    this.sweeper = setInterval(sweepLater, this.leaseMs);
    this.sweeper.unref();
    await q.work(async ({ runId }) => {
      try {
        await this.advance(runId);
      } catch (err) {
        this.o.log.error({ err, runId }, "advancing a workflow run failed");
        throw err;
      }
    }, this.o.env.workflows.concurrency);
    if (this.o.onTick) {
      const onTick = this.o.onTick;
      await q.onTick(async (at) => onTick(at, await this.o.database.db()));
    }
    await this.sweep(opts.embedded).catch((err: unknown) =>
      this.o.log.warn({ err }, "workflow sweep failed; trying again in a lease period"),
    );
  }

  /**
   * Runs that should be moving but whose worker is gone (lease expired, or queued with no job
   * taken): each gets a job again. With the embedded database, every lease is this process's
   * predecessor's, so all are taken over at once.
   */
  async sweep(all: boolean): Promise<number> {
    const db = await this.o.database.db();
    const stale = await db
      .select({ id: workflowRuns.id })
      .from(workflowRuns)
      .where(
        and(
          inArray(workflowRuns.status, ["queued", "running"]),
          all
            ? sql`true`
            : or(
                and(isNotNull(workflowRuns.leaseUntil), lt(workflowRuns.leaseUntil, sql`now()`)),
                and(
                  isNull(workflowRuns.leaseOwner),
                  isNull(workflowRuns.wakeAt),
                  lt(workflowRuns.createdAt, sql`now() - interval '30 seconds'`),
                ),
                // A wake-up whose job was lost (the enqueue failed): a minute late, it is sent again.
                and(
                  isNull(workflowRuns.leaseOwner),
                  lt(workflowRuns.wakeAt, sql`now() - interval '60 seconds'`),
                ),
              ),
        ),
      )
      .limit(500);
    if (all && stale.length)
      await db
        .update(workflowRuns)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(
          inArray(
            workflowRuns.id,
            stale.map((r) => r.id),
          ),
        );
    for (const r of stale) await this.enqueue(r.id);
    return stale.length;
  }

  /**
   * Stops taking jobs and hands back the runs in hand: their running steps are aborted (a step
   * cut this way resumes like one a crash cut: again if idempotent, else `interrupted`) and their
   * leases released, so another instance — or this one after a restart — continues them.
   */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.closing.abort();
    // The runs in hand stop at once (their steps are aborted) and give their leases back.
    await Promise.allSettled([...this.inHand]);
    const q = this.queue;
    this.queue = undefined;
    if (q) await (await q.catch(() => undefined))?.stop();
  }
}
