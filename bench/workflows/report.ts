// bench:workflows's summary table: one row per measurement, p50 / p95, with the goals.
import os from "node:os";
import type { EngineBench } from "./engine";
import { FLOW_STEPS } from "./graphs";
import type { HopBench } from "./hop";
import type { InlineBench } from "./inline";
import type { QueueBench } from "./queue";

export interface TargetResult {
  label: string;
  inline: InlineBench;
  hops: HopBench[];
  queue: QueueBench[];
}

const GOAL_RUN_MS = 200;
const GOAL_STEP_MS = 5;

export const ms = (x: number, digits = 1) => `${x.toFixed(digits)} ms`;
export const pair = (x: { p50: number; p95: number }, digits = 1) =>
  `${x.p50.toFixed(digits)} / ${x.p95.toFixed(digits)}`;
const per = (x: { p50: number; p95: number }, n: number) => ({ p50: x.p50 / n, p95: x.p95 / n });
const met = (ok: boolean) => (ok ? "met" : "missed");

const WIDTHS = [50, 7, 13, 13, 13, 9, 20];
const HEAD = ["what", "runs/s", "run ms", "latency ms", "ms/step", "amortized", "goal"];
function row(cells: string[]) {
  console.log(
    cells.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join("  "),
  );
}

export function printSummary(engine: EngineBench, targets: TargetResult[]) {
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(
    `\nSummary (p50 / p95; ${os.cpus().length} cores, load average ${load} at the end)\n`,
  );
  row(HEAD);
  row([
    `engine, ${engine.nodes}-node DAG, memory store`,
    "",
    pair(engine.runMs),
    "",
    pair(per(engine.stepUs, 1000), 3),
    "",
    `≤ ${GOAL_RUN_MS} ms/run ${met(engine.runMs.p95 <= GOAL_RUN_MS)}`,
  ]);
  row(["validation of that graph", "", pair(engine.validateMs), "", "", "", ""]);
  for (const t of targets) {
    const name = t.label.split(" (")[0];
    const pg = t.label.startsWith("PostgreSQL");
    const goal = (stepMs: number) =>
      pg ? `≤ ${GOAL_STEP_MS} ms/step ${met(stepMs <= GOAL_STEP_MS)}` : "";
    const i = t.inline;
    const alone = per(i.advanceMs, FLOW_STEPS);
    row([
      `${name}: one run, no queue`,
      (1000 / i.advanceMs.p50).toFixed(1),
      pair(i.advanceMs),
      "",
      pair(alone, 2),
      "",
      goal(alone.p50),
    ]);
    row([`${name}: checkpoints of one step`, "", "", "", pair(i.checkpointMs, 2), "", ""]);
    for (const h of t.hops)
      row([
        `${name}: queue alone, ${h.concurrency} workers`,
        h.jobsPerSecond.toFixed(0),
        "",
        pair(h.pickupMs),
        "",
        "",
        "",
      ]);
    for (const q of t.queue)
      row([
        `${name}: one run via the queue, ${q.concurrency} workers`,
        "",
        "",
        pair(q.alone.latencyMs, 0),
        "",
        "",
        "",
      ]);
    for (const q of t.queue) {
      const amortized = q.wallMs / (q.runs * FLOW_STEPS);
      row([
        `${name}: ${q.runs} at once, ${q.concurrency} workers`,
        q.runsPerSecond.toFixed(1),
        pair(q.executeMs, 0),
        pair(q.latencyMs, 0),
        pair(q.stepMs, 1),
        amortized.toFixed(2),
        goal(q.stepMs.p50),
      ]);
    }
  }
  console.log(
    `\nrun ms: one run (no queue: advanceRun; at once: lease taken → settled); latency: created → finished, waiting for a worker included; ms/step: run ms / ${FLOW_STEPS} steps; amortized: first created → last finished / all steps of the burst.`,
  );
}
