// npm run bench:workflows — the workflow engine and its queue (not part of npm test or CI).
//  1. The pure engine (lib/workflows/engine) on a 1,000-node no-op DAG (a trigger, then 999
//     transform nodes in 27 layers of 37, each joining two of the layer before) over the
//     in-memory store: validation time, then ms per run and µs per step after a warm-up.
//  2. The 10-node flow (transform / condition / switch, a fan-out and a join, no external calls)
//     on PGlite (a throwaway DATA_DIR) and PostgreSQL (a throwaway database on --pg, default
//     postgres://postgres@127.0.0.1:5432/postgres, migrated, dropped afterwards):
//     - one run at a time without the queue (the worker's advanceRun), and the checkpoint writes
//       of a step timed by themselves;
//     - the queue alone (pg-boss, a handler that does nothing): jobs/s and the wait on idle workers;
//     - with WORKFLOW_CONCURRENCY 4 and 16 (--concurrency=4,16): 20 runs one at a time through the
//       queue, then --runs (100) started at once through startRun: runs/s, latency, per-step cost.
// Flags: --iterations=50 --runs=100 --concurrency=4,16 --db=pglite,postgres --pg=<url>
import os from "node:os";
import { benchEngine } from "./workflows/engine";
import { ms, pair, printSummary, type TargetResult } from "./workflows/report";
import { benchHop, type HopBench } from "./workflows/hop";
import { benchInline, type InlineBench } from "./workflows/inline";
import { benchQueue, type QueueBench } from "./workflows/queue";
import { seedOwner, servicesOn } from "./workflows/setup";
import { openTarget } from "./workflows/targets";

function flag(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}
const ITERATIONS = Number(flag("iterations", "50"));
const RUNS = Number(flag("runs", "100"));
const CONCURRENCY = flag("concurrency", "4,16").split(",").map(Number);
const DBS = flag("db", "pglite,postgres").split(",") as ("pglite" | "postgres")[];
const PG_URL = flag("pg", "postgres://postgres@127.0.0.1:5432/postgres");

async function benchTarget(kind: "pglite" | "postgres"): Promise<TargetResult> {
  const target = await openTarget(kind, PG_URL);
  try {
    console.log(`\n${target.label}`);
    const seed = servicesOn(target, 1);
    let inline: InlineBench;
    let owner;
    try {
      owner = await seedOwner(seed);
      inline = await benchInline(seed, owner, { runs: 50, warmup: 30 });
    } finally {
      await seed.close();
    }
    console.log(
      `  one run at a time, no queue (advanceRun): ${pair(inline.advanceMs)} ms p50/p95 per run; engine with the database store ${pair(inline.engineDbMs)} ms; a step's checkpoints (start + finish, each with its event) ${pair(inline.checkpointMs, 2)} ms, a skipped node's row ${ms(inline.skipMs, 2)}`,
    );
    const hops: HopBench[] = [];
    for (const c of CONCURRENCY) {
      const h = await benchHop(target.handle, { concurrency: c, jobs: 200, alone: 20 });
      hops.push(h);
      console.log(
        `  the queue alone (a handler that does nothing), ${c} workers: ${h.jobsPerSecond.toFixed(0)} jobs/s; a job on idle workers is taken after ${pair(h.pickupMs)} ms p50/p95`,
      );
    }
    const queue: QueueBench[] = [];
    for (const c of CONCURRENCY) {
      const q = await benchQueue(target, owner, {
        concurrency: c,
        runs: RUNS,
        warmup: 10,
        alone: 20,
      });
      queue.push(q);
      console.log(
        `  one run at a time through the queue, WORKFLOW_CONCURRENCY=${c}: latency ${pair(q.alone.latencyMs, 0)} ms p50/p95 (of it waiting for a worker ${pair(q.alone.pickupMs, 0)})`,
      );
      console.log(
        `  ${RUNS} runs at once, WORKFLOW_CONCURRENCY=${c}: ${q.runsPerSecond.toFixed(1)} runs/s (${ms(q.wallMs, 0)} first created → last finished; ${ms(q.measuredMs, 0)} as measured), latency ${pair(q.latencyMs, 0)} ms p50/p95 (waiting for a worker ${pair(q.pickupMs, 0)}, on the worker ${pair(q.executeMs, 1)}), ${pair(q.stepMs, 2)} ms per step`,
      );
    }
    return { label: target.label, inline, hops, queue };
  } finally {
    await target.dispose();
  }
}

async function main() {
  console.log(
    `bench:workflows — ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)}), Node ${process.version}, ${ITERATIONS} engine iterations, ${RUNS} concurrent runs`,
  );
  const engine = await benchEngine({ iterations: ITERATIONS, warmup: 10 });
  console.log(
    `\npure engine, ${engine.nodes} nodes / ${engine.edges} edges, in-memory store: validation ${pair(engine.validateMs)} ms p50/p95; run ${pair(engine.runMs)} ms; per step ${pair(engine.stepUs, 0)} µs`,
  );
  const targets: TargetResult[] = [];
  for (const kind of DBS) targets.push(await benchTarget(kind));

  printSummary(engine, targets);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
