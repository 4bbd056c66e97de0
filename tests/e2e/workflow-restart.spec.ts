import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { remoteKey, remoteUser } from "../helpers/remote-user";
import { HOLD, startEndpoints, type Endpoints } from "./helpers/endpoints";
import { startNext, waitForHttp, type NextProcess } from "./helpers/next-server";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./helpers/pg-database";
import {
  createProject,
  publishedWorkflow,
  startRun,
  waitForRuns,
  type RunDetail,
} from "./helpers/workflow-api";

// A workflow worker killed outright (SIGKILL, no shutdown hooks, its lease left behind) in the
// middle of three runs, on PostgreSQL. The next process must take each run over once the dead
// worker's lease (15 s) has run out — not before — and continue from its checkpoints: a GET
// in flight is asked again (idempotent), the steps finished before the kill are not, and a
// POST in flight is never repeated (it may have had its effect): it is `interrupted`, and its
// node's on-error policy decides what the run does next.
const PORT = 3270;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = "kQ7#pW2$vL9@xT4&zR8!nM3^bJ6*cH1%fG5(dS0)yA2-eU8+iO4=uP7~tN3?lK9z";
const LEASE_MS = 15_000;

let db: ThrowawayDatabase;
let endpoints: Endpoints;
let server: NextProcess | undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "aios-e2e-wf-restart-"));

test.beforeAll(async () => {
  db = await createThrowawayDatabase("aios_e2e_wf_restart");
  endpoints = await startEndpoints({
    "/mark": () => ({ ok: true }),
    // The first GET of a key is held until its caller dies; the retry answers at once.
    "/slow": (hit) => (hit.n === 1 ? HOLD : { value: `fresh-${hit.key}` }),
    "/count": (hit) => ({ n: hit.n }),
    // A non-idempotent call that never answers: the worker is killed while it waits.
    "/charge": () => HOLD,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await endpoints?.close();
  await db?.drop();
});

function start(): NextProcess {
  return startNext(PORT, {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    SECRET_KEY: SECRET,
    LOG_LEVEL: "warn",
    // No heap-cap supervisor: the pid we kill is the server's, as a crash or the OOM killer would.
    HEAP_LIMIT_MB: "0",
    WORKFLOW_HTTP_ALLOW: "127.0.0.1",
    // Not an outage test: on a busy machine a slow answer must not count as PostgreSQL gone.
    DB_UNREACHABLE_MS: "5000",
    SHUTDOWN_DRAIN_SECONDS: "2",
    RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    RATE_LIMIT_AUTHENTICATED_PER_MINUTE: "100000",
  });
}

const trigger = { id: "trigger", type: "trigger", config: { inputs: [{ name: "tag" }] } };
const post = (id: string, route: string, extra: object = {}) => ({
  id,
  type: "http",
  config: { method: "POST", url: `${endpoints.url}${route}?key={{ trigger.tag }}`, body: "{}" },
  ...extra,
});
const chain = (nodes: ({ id: string } & Record<string, unknown>)[]) => ({
  nodes,
  edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id })),
});

/** trigger → mark (POST) → fetch (slow GET) → shape → record (POST) → out */
const resumable = () =>
  chain([
    trigger,
    post("mark", "/mark"),
    {
      id: "fetch",
      type: "http",
      config: { url: `${endpoints.url}/slow?key={{ trigger.tag }}`, timeoutMs: 30_000 },
    },
    {
      id: "shape",
      type: "transform",
      config: { expression: '{"tag": trigger.tag, "value": fetch.body.value}' },
    },
    post("record", "/count"),
    { id: "out", type: "output", config: { expression: '{"shape": shape, "n": record.body.n}' } },
  ]);

/** trigger → charge (POST that never answers, with its on-error policy) → out */
const charging = (onError?: object) =>
  chain([
    trigger,
    post("charge", "/charge", onError ? { onError } : {}),
    { id: "out", type: "output", config: { expression: '{"charge": charge}' } },
  ]);

const step = (d: RunDetail, nodeId: string) => d.steps.find((s) => s.nodeId === nodeId)!;
const at = (iso: string | null) => new Date(iso!).getTime();

test("a worker killed with SIGKILL mid-run: the next process resumes every run from its checkpoints once the lease expires, repeating only the idempotent step", async () => {
  test.setTimeout(120_000);
  server = start();
  expect((await waitForHttp(server, `${BASE}/api/monitoring/health`, 90_000)).status).toBe(200);
  const first = server;
  const { session } = await remoteUser(BASE).catch((err: Error) => {
    throw new Error(`${err.message}\n${first.output()}`);
  });
  const { key } = await remoteKey(BASE, session);
  const projectId = await createProject(BASE, key, "Restarts");
  const wf = {
    resumable: await publishedWorkflow(BASE, key, {
      projectId,
      name: "Resumable",
      graph: resumable(),
    }),
    continues: await publishedWorkflow(BASE, key, {
      projectId,
      name: "Charge, continue on error",
      graph: charging({ policy: "continue", default: { charged: "unknown" } }),
    }),
    fails: await publishedWorkflow(BASE, key, {
      projectId,
      name: "Charge, fail on error",
      graph: charging(),
    }),
  };
  const runs = {
    resumable: await startRun(BASE, key, wf.resumable, { tag: "a" }),
    continues: await startRun(BASE, key, wf.continues, { tag: "continue" }),
    fails: await startRun(BASE, key, wf.fails, { tag: "fail" }),
  };
  // Every run is inside its slow step (its "running" checkpoint is written before the call).
  await Promise.all([
    endpoints.seen("/slow", "a"),
    endpoints.seen("/charge", "continue"),
    endpoints.seen("/charge", "fail"),
  ]);
  expect(endpoints.hits("/mark", "a")).toBe(1);

  const killedAt = Date.now();
  process.kill(-first.child.pid!, "SIGKILL");
  expect(await first.exited).toBeNull(); // ended by the signal: no shutdown hook ran
  const leases = (await db.sql`
    select id, lease_owner, extract(epoch from lease_until) * 1000 as until
    from workflow_runs where status = 'running'`) as unknown as {
    id: string;
    lease_owner: string;
    until: string;
  }[];
  // The dead worker still holds all three leases (nothing released them).
  expect(leases.map((l) => l.id).sort()).toEqual(
    Object.values(runs)
      .map((r) => r.id)
      .sort(),
  );
  const leaseEnds = Number(leases.find((l) => l.id === runs.resumable.id)!.until);

  server = start();
  await waitForHttp(server, `${BASE}/api/monitoring/health`, 90_000);
  const restartMs = Date.now() - killedAt;
  const [a, b, c] = await waitForRuns(
    BASE,
    key,
    [runs.resumable.id, runs.continues.id, runs.fails.id],
    60_000,
  );

  // 1. Resumed from its checkpoint: trigger and mark (done before the kill) are not run again,
  //    the GET in flight is asked again (attempt 2), the rest runs once.
  expect(a!.run.status, JSON.stringify(a)).toBe("succeeded");
  expect(a!.run.output).toEqual({ shape: { tag: "a", value: "fresh-a" }, n: 1 });
  expect(a!.steps.map((s) => [s.nodeId, s.status, s.attempt])).toEqual([
    ["trigger", "succeeded", 1],
    ["mark", "succeeded", 1],
    ["fetch", "succeeded", 2],
    ["shape", "succeeded", 1],
    ["record", "succeeded", 1],
    ["out", "succeeded", 1],
  ]);
  for (const id of ["trigger", "mark"]) expect(at(step(a!, id).finishedAt)).toBeLessThan(killedAt);
  expect(endpoints.hits("/mark", "a")).toBe(1);
  expect(endpoints.hits("/slow", "a")).toBe(2);
  expect(endpoints.hits("/count", "a")).toBe(1);

  // 2. The POST in flight is not repeated: interrupted, then its policy — continue with the
  //    default (the run succeeds) or fail (the run fails, naming the step).
  expect(endpoints.hits("/charge", "continue")).toBe(1);
  expect(endpoints.hits("/charge", "fail")).toBe(1);
  for (const d of [b!, c!])
    expect(step(d, "charge")).toMatchObject({
      status: "interrupted",
      attempt: 1,
      error: { code: "interrupted" },
    });
  expect(b!.run.status).toBe("succeeded");
  expect(step(b!, "charge").output).toEqual({ charged: "unknown" });
  expect(b!.run.output).toEqual({ charge: { charged: "unknown" } });
  expect(c!.run).toMatchObject({
    status: "failed",
    error: { code: "interrupted", nodeId: "charge" },
  });
  expect(c!.steps.map((s) => s.nodeId)).toEqual(["trigger", "charge"]);

  // 3. Taken over only after the dead worker's lease ran out, and within one sweep period of it.
  const resumedAt = at(step(a!, "fetch").startedAt);
  expect(resumedAt).toBeGreaterThanOrEqual(Math.floor(leaseEnds)); // µs in the database
  expect(resumedAt - leaseEnds).toBeLessThan(LEASE_MS + 3_000);
  const doneAt = Math.max(...[a!, b!, c!].map((d) => at(d.run.finishedAt)));
  console.log(
    `SIGKILL → restarted process healthy in ${restartMs} ms; the run's dead lease ran out ` +
      `${Math.round(leaseEnds - killedAt)} ms after the kill; the run resumed ${resumedAt - killedAt} ms ` +
      `after the kill; all three runs finished ${doneAt - killedAt} ms after it`,
  );

  const last = server;
  process.kill(-last.child.pid!, "SIGTERM");
  expect(await last.exited, last.output()).toBe(0);
});
