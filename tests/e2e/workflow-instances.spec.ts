import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { remoteKey, remoteUser } from "../helpers/remote-user";
import { startEndpoints, type Endpoints } from "./helpers/endpoints";
import { startNext, waitForHttp, type NextProcess } from "./helpers/next-server";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./helpers/pg-database";
import { createProject, publishedWorkflow, startRun, waitForRuns } from "./helpers/workflow-api";

// Two server processes on one PostgreSQL database, both working the same queue: 50 runs
// started through both APIs must each run every step exactly once — one effect per run at the
// counter, one step row and one step start per node — and both processes must take part.
const PORTS = [3272, 3273] as const;
const BASES = PORTS.map((p) => `http://127.0.0.1:${p}`);
const SECRET = "vB4#nQ8$kT1@zW6&xR3!mL9^pJ2*cF7%hG5(dS0)yA2-eU8+iO4=uP7~tN3?lK9z";
const RUNS = 50;

let db: ThrowawayDatabase;
let endpoints: Endpoints;
let servers: NextProcess[] = [];
/** The lease owner of each run (by tag) at the moment its POST reached the counter. */
const workedBy = new Map<string, string | null>();

test.beforeAll(async () => {
  db = await createThrowawayDatabase("aios_e2e_wf_instances");
  endpoints = await startEndpoints({
    "/hit": async (hit) => {
      // While the step runs, the run is leased by the process running it.
      const tag = hit.key.replace(/^run-/, "");
      const [row] = (await db.sql`
        select lease_owner from workflow_runs where input->>'tag' = ${tag}`) as unknown as {
        lease_owner: string | null;
      }[];
      workedBy.set(tag, row?.lease_owner ?? null);
      return { seen: hit.key };
    },
  });
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await endpoints?.close();
  await db?.drop();
});

const graph = () => ({
  nodes: [
    { id: "trigger", type: "trigger", config: { inputs: [{ name: "tag" }] } },
    { id: "label", type: "transform", config: { expression: '"run-" + trigger.tag' } },
    {
      id: "call",
      type: "http",
      config: { method: "POST", url: `${endpoints.url}/hit?key={{ label }}`, body: "{}" },
    },
    { id: "out", type: "output", config: { expression: "call.body.seen" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "label" },
    { id: "e2", source: "label", target: "call" },
    { id: "e3", source: "call", target: "out" },
  ],
});

test("two instances on one PostgreSQL: 50 runs through both APIs, every step exactly once, both instances working", async () => {
  test.setTimeout(120_000);
  servers = PORTS.map((port) =>
    startNext(port, {
      DATABASE_URL: db.url,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "aios-e2e-wf-instances-")),
      SECRET_KEY: SECRET,
      LOG_LEVEL: "warn",
      // No heap-cap supervisor: the pid started is the one holding leases (owner host:pid:…).
      HEAP_LIMIT_MB: "0",
      WORKFLOW_HTTP_ALLOW: "127.0.0.1",
      // Not an outage test: on a busy machine a slow answer must not count as PostgreSQL gone.
      DB_UNREACHABLE_MS: "5000",
      SHUTDOWN_DRAIN_SECONDS: "2",
      RATE_LIMIT_AUTH_PER_MINUTE: "1000",
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: "100000",
    }),
  );
  for (const [i, s] of servers.entries())
    expect((await waitForHttp(s, `${BASES[i]}/api/monitoring/health`, 90_000)).status).toBe(200);
  const { session } = await remoteUser(BASES[0]!);
  const { key } = await remoteKey(BASES[0]!, session);
  const projectId = await createProject(BASES[0]!, key, "Instances");
  const workflowId = await publishedWorkflow(BASES[1]!, key, {
    projectId,
    name: "Counted",
    graph: graph(),
  });

  // Warm-up: each process starts its worker after its database is warm, a moment after it
  // answers health; runs until both have leased one (so neither joins late), kept out of counts.
  const pids = servers.map((s) => String(s.child.pid));
  const ownerPid = (tag: string) => workedBy.get(tag)?.split(":").at(-2);
  const warm = new Set<string>();
  for (let n = 0; warm.size < 2; n++) {
    expect(n, "both instances' workers take runs within 60 warm-up runs").toBeLessThan(60);
    const warmRun = await startRun(BASES[n % 2]!, key, workflowId, { tag: `w${n}` });
    await waitForRuns(BASES[0]!, key, [warmRun.id], 30_000);
    const pid = ownerPid(`w${n}`);
    if (pid && pids.includes(pid)) warm.add(pid);
  }
  for (const tag of [...workedBy.keys()]) workedBy.delete(tag);

  const tags = Array.from({ length: RUNS }, (_, i) => `t${String(i).padStart(2, "0")}`);
  const started = performance.now();
  // Even runs through the first instance's API, odd ones through the second's, all at once.
  const runs = await Promise.all(
    tags.map((tag, i) => startRun(BASES[i % 2]!, key, workflowId, { tag })),
  );
  const details = await waitForRuns(
    BASES[0]!,
    key,
    runs.map((r) => r.id),
    60_000,
  );
  const seconds = (performance.now() - started) / 1000;

  for (const [i, d] of details.entries()) {
    expect(d.run.status, JSON.stringify(d)).toBe("succeeded");
    expect(d.run.output).toBe(`run-${tags[i]}`);
    expect(d.steps.map((s) => [s.nodeId, s.status, s.attempt])).toEqual([
      ["trigger", "succeeded", 1],
      ["label", "succeeded", 1],
      ["call", "succeeded", 1],
      ["out", "succeeded", 1],
    ]);
  }
  // One effect per run at the counter, and nothing else reached it.
  for (const tag of tags) expect(endpoints.hits("/hit", `run-${tag}`), tag).toBe(1);
  expect(endpoints.log.filter((h) => h.key.startsWith("run-t"))).toHaveLength(RUNS);
  // In the database: 4 step rows per run, and each step started once (its event), no more.
  const ids = runs.map((r) => r.id);
  const perRun = (await db.sql`
    select r.id,
      (select count(*)::int from workflow_steps s where s.run_id = r.id) as steps,
      (select count(*)::int from workflow_run_events e
        where e.run_id = r.id and e.type = 'step_started') as starts
    from workflow_runs r where r.id = any(${ids}::uuid[])`) as unknown as {
    steps: number;
    starts: number;
  }[];
  expect(perRun).toHaveLength(RUNS);
  expect(perRun.filter((r) => r.steps !== 4 || r.starts !== 4)).toEqual([]);

  // Both processes worked runs: the lease owner (host:pid:id) seen while each run's POST ran.
  const byInstance = pids.map(
    (pid) => [...workedBy.values()].filter((o) => o?.split(":").at(-2) === pid).length,
  );
  expect(workedBy.size).toBe(RUNS);
  expect(byInstance[0]! + byInstance[1]!).toBe(RUNS); // every run leased by one of the two
  expect(byInstance[0], servers[0]!.output().slice(-3000)).toBeGreaterThan(0);
  expect(byInstance[1], servers[1]!.output().slice(-3000)).toBeGreaterThan(0);
  // The queue, not the API that took the request, decides who works a run.
  const crossed = tags.filter(
    (tag, i) => workedBy.get(tag)?.split(":").at(-2) !== pids[i % 2],
  ).length;
  console.log(
    `${RUNS} runs (started 25 + 25 through the two APIs) succeeded in ${seconds.toFixed(1)} s: ` +
      `${(RUNS / seconds).toFixed(1)} runs/s; worked by instance A: ${byInstance[0]}, B: ` +
      `${byInstance[1]}; ${crossed} worked by the instance that did not take the request`,
  );

  for (const s of servers) process.kill(-s.child.pid!, "SIGTERM");
  for (const s of servers) expect(await s.exited, s.output()).toBe(0);
});
