// bench:workflows: the queue by itself (lib/workflows/queue.ts, pg-boss on the app's database)
// with a handler that does nothing: jobs/s through `concurrency` workers, and how long a job
// enqueued to idle workers waits to be taken. What a run pays for the queue before any step.
import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "../../lib/db";
import { createLogger } from "../../lib/log";
import { openQueue } from "../../lib/workflows/queue";
import { percentile } from "../stats";

export interface HopBench {
  concurrency: number;
  jobsPerSecond: number;
  /** enqueue → handler, one job at a time on idle workers. */
  pickupMs: { p50: number; p95: number };
}

export async function benchHop(
  handle: DatabaseHandle,
  opts: { concurrency: number; jobs: number; alone: number },
): Promise<HopBench> {
  const queue = await openQueue(handle, createLogger("silent"), { schedule: false });
  const waiting = new Map<string, () => void>();
  try {
    await queue.work(async ({ runId }) => waiting.get(runId)?.(), opts.concurrency);
    const send = (id: string) => {
      const done = new Promise<void>((r) => waiting.set(id, r));
      return { sent: queue.enqueue(id), done };
    };
    const pickups: number[] = [];
    for (let i = 0; i < opts.alone; i++) {
      await new Promise((r) => setTimeout(r, Math.random() * 500)); // any point of the poll cycle
      const t = performance.now();
      const job = send(randomUUID());
      await job.sent;
      await job.done;
      pickups.push(performance.now() - t);
    }
    const t = performance.now();
    const jobs = Array.from({ length: opts.jobs }, () => send(randomUUID()));
    await Promise.all(jobs.map((j) => j.sent));
    await Promise.all(jobs.map((j) => j.done));
    return {
      concurrency: opts.concurrency,
      jobsPerSecond: opts.jobs / ((performance.now() - t) / 1000),
      pickupMs: { p50: percentile(pickups, 50), p95: percentile(pickups, 95) },
    };
  } finally {
    await queue.stop();
  }
}
