import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { lastUserText, startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { remoteKey, remoteUser } from "../helpers/remote-user";
import { startNext, waitForHttp, type NextProcess } from "./helpers/next-server";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./helpers/pg-database";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy";

// Issue 14, points 3 and 4, as an operator would meet them: PostgreSQL cut off for 60 s under
// steady gateway load, the app restarted in the middle of the outage (SIGTERM with a stream
// still open: a forced drain), and afterwards every request the router handled is on the cost
// ledger exactly once — those written before the cut, those spilled to DATA_DIR while it lasted
// (replayed by the next process), and the stream the drain deadline ended.
const PORT = 3254;
const BASE = `http://127.0.0.1:${PORT}`;
const PROXY_PORT = 3255;
const OUTAGE_MS = 60_000;

let db: ThrowawayDatabase;
let fake: FakeProvider;
let proxy: TcpProxy;
let server: NextProcess | undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "aios-e2e-durability-"));
const spillFile = path.join(dataDir, "ledger-spill.jsonl");

test.beforeAll(async () => {
  db = await createThrowawayDatabase("aios_e2e_durability");
  // A stream asked with "stall" sends a chunk every 800 ms: still open at any drain deadline.
  fake = await startFakeProvider({
    apiKey: "sk-fake",
    latencyMs: 10,
    faultFor: (body) =>
      lastUserText(body).startsWith("stall") ? { kind: "slow", delayMs: 800 } : undefined,
  });
  proxy = await startTcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5432 });
});

test.afterAll(async () => {
  proxy?.heal();
  await server?.stop();
  await Promise.all([fake?.close(), proxy?.close()]);
  await db?.drop();
});

function start(): NextProcess {
  const viaProxy = new URL(db.url);
  viaProxy.port = String(PROXY_PORT);
  return startNext(PORT, {
    DATABASE_URL: viaProxy.toString(),
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    OPENAI_API_KEY: "sk-fake",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    SHUTDOWN_DRAIN_SECONDS: "2",
    RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    RATE_LIMIT_AUTHENTICATED_PER_MINUTE: "1000000",
  });
}

/** What one request got: its id, and whether the router handled it (then it has a ledger row). */
interface Outcome {
  id: string | null;
  status: number;
  /** The error code of an answer that was not a 200. */
  code?: string;
  routed: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One client: requests back to back (each text unique: no cache hits), until `running()` is false. */
async function client(key: string, name: string, stream: boolean, running: () => boolean) {
  const outcomes: Outcome[] = [];
  for (let i = 0; running(); i++) {
    try {
      const res = await fetch(`${BASE}/api/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          model: "auto",
          stream,
          messages: [{ role: "user", content: `${name} request ${i}` }],
        }),
        signal: AbortSignal.timeout(20_000),
      });
      const body = await res.text();
      // Answered (a stream cut by the drain deadline too), or ended by it with a 503 to retry:
      // the router settled it. A 503 for a key the restarted process cannot check yet was not.
      const routed = res.status === 200 || body.includes('"code":"shutting_down"');
      const code = res.status === 200 ? undefined : /"code":"([^"]+)"/.exec(body)?.[1];
      outcomes.push({ id: res.headers.get("x-request-id"), status: res.status, code, routed });
      if (res.status !== 200) await sleep(50);
    } catch {
      outcomes.push({ id: null, status: 0, routed: false }); // restarting: connection refused
      await sleep(50);
    }
  }
  return outcomes;
}

const rowsOf = async () =>
  (await db.sql`select request_id, error_class from ai_requests`) as unknown as {
    request_id: string;
    error_class: string | null;
  }[];

const spilledLines = () => {
  try {
    return readFileSync(spillFile, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
};

test("PostgreSQL away for 60 s under load with a restart in between: every request the router handled has exactly one ledger row", async () => {
  test.setTimeout(240_000);
  server = start();
  expect((await waitForHttp(server, `${BASE}/api/monitoring/health`, 90_000)).status).toBe(200);
  const s = server;
  const withOutput = (err: Error) => {
    throw new Error(`${err.message}\n${s.output()}`);
  };
  const user = await remoteUser(BASE).catch(withOutput);
  const { key } = await remoteKey(BASE, user.session).catch(withOutput);

  let running = true;
  const isRunning = () => running;
  const clients = [
    ...Array.from({ length: 6 }, (_, i) => client(key, `plain ${i}`, false, isRunning)),
    ...Array.from({ length: 2 }, (_, i) => client(key, `stream ${i}`, true, isRunning)),
  ];
  await sleep(3_000);

  proxy.partition();
  const cut = Date.now();
  await sleep(15_000); // the gateway keeps answering from the key it knows

  // One stream the first process's drain deadline will end (asked just before the SIGTERM).
  let once = true;
  const stalled = client(key, "stall", true, () => (once ? !(once = false) : false));
  await sleep(500);
  const first = server;
  const sigterm = performance.now();
  process.kill(-first.child.pid!, "SIGTERM");
  const code = await first.exited;
  const stopMs = Math.round(performance.now() - sigterm);
  // Forced (the stall stream was open at the deadline): the exit code says so, and every row it
  // could not write is in the spill file, the ended stream's among them.
  expect(code, first.output()).toBe(75);
  // The 2 s drain, then the hooks: none waits on the partitioned database.
  expect(stopMs).toBeLessThan(6_000);
  const spilled = spilledLines().map((l) => JSON.parse(l) as { errorClass?: string });
  expect(spilled.length).toBeGreaterThan(100);
  expect(spilled.filter((r) => r.errorClass === "shutdown")).toHaveLength(1);

  // The next process starts while the database is still away, replays the file once it is back.
  const restart = performance.now();
  server = start();
  await waitForHttp(server, `${BASE}/api/monitoring/health`, 90_000);
  const startMs = Math.round(performance.now() - restart);
  await sleep(Math.max(0, cut + OUTAGE_MS - Date.now()));
  proxy.heal();
  await sleep(8_000); // load after the outage, on the restarted process
  running = false;
  const outcomes = (await Promise.all([...clients, stalled])).flat();

  const routed = outcomes.filter((o) => o.routed).map((o) => o.id!);
  const statuses = outcomes.reduce<Record<string, number>>((n, o) => {
    const k = `${o.status}${o.code ? ` ${o.code}` : ""}`;
    n[k] = (n[k] ?? 0) + 1;
    return n;
  }, {});
  console.log(
    `${outcomes.length} requests ${JSON.stringify(statuses)}; ${routed.length} routed; ` +
      `${spilled.length} rows spilled by the first process; it stopped in ${stopMs} ms, ` +
      `the next started in ${startMs} ms (database away)`,
  );
  expect(new Set(routed).size).toBe(routed.length);
  // An outage is never the client's fault: no 4xx at any point (a 503 to retry, at worst).
  expect(outcomes.filter((o) => o.status >= 400 && o.status < 500)).toEqual([]);
  // Before, during (both processes) and after the outage.
  expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(500);

  await expect
    .poll(async () => (await rowsOf()).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(routed.length);
  const rows = (await rowsOf()).sort((a, b) => (a.request_id < b.request_id ? -1 : 1));
  // Exactly one row per routed request: none lost, none twice, none for a request never routed.
  expect(rows.map((r) => r.request_id)).toEqual([...routed].sort());
  expect(rows.filter((r) => r.error_class === "shutdown")).toHaveLength(1);
  // Everything replayed: the file is empty again.
  await expect.poll(() => statSync(spillFile).size, { timeout: 10_000 }).toBe(0);

  const last = server;
  process.kill(-last.child.pid!, "SIGTERM");
  expect(await last.exited, last.output()).toBe(0); // nothing was in flight: a clean drain
  expect((await rowsOf()).length).toBe(routed.length);
});
