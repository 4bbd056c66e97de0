// npm run bench:soak — the built server under steady load on PostgreSQL, with the database cut
// off in the middle and restored (issue 14). Needs `npm run build` first and a PostgreSQL server
// the bench may create a database on (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
// postgres): a throwaway database is created, migrated, and dropped afterwards. The server
// (`node dist/server.mjs`, as `npm start`: its default heap cap applies) reaches it through a
// loopback TCP proxy the bench cuts — a partition (packets dropped, no RST) or, with
// SOAK_CUT=down, the server gone (connections refused) — when SOAK_CUT_AT of the requests are
// done, for SOAK_CUT_S seconds. SOAK_N requests (default 20 000) from 16 connections: 8 in 10
// gateway completions (unique, each a provider call), 1 a stream, 1 a cache hit, plus a GET
// /api/projects every 20th (it needs the database: a fast 503 while it is away). It prints, per
// phase (before, cut, after): requests, answers by status, p50/p99 ms, the server's RSS and heap;
// then whether every routed request is on the ledger exactly once. SOAK_DB=pglite: the same load
// on the embedded database, without a cut (its memory; the server holds the database, so no
// ledger check).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "undici";
import { remoteKey, remoteUser } from "../tests/helpers/remote-user";
import { startTcpProxy } from "../tests/e2e/helpers/tcp-proxy";
import {
  database,
  listeningPid,
  rssMb,
  startProcess,
  startProvider,
  stopProcess,
  waitFor,
} from "./gateway/processes";
import { percentile } from "./stats";

const PORT = Number(process.env.BENCH_PORT ?? 3230);
const PROXY_PORT = Number(process.env.SOAK_PROXY_PORT ?? 3231);
const BASE = `http://127.0.0.1:${PORT}`;
const N = Number(process.env.SOAK_N ?? 20_000);
const CUT_AT = Number(process.env.SOAK_CUT_AT ?? 0.4);
const CUT_S = Number(process.env.SOAK_CUT_S ?? 20);
const CUT: "partition" | "down" = process.env.SOAK_CUT === "down" ? "down" : "partition";
const CONNECTIONS = 16;
/** SOAK_DB=pglite: the embedded database, no cut (memory under load only; no ledger check). */
const EMBEDDED = process.env.SOAK_DB === "pglite";

type Phase = "before" | "cut" | "after";
interface Sample {
  phase: Phase;
  kind: "completion" | "stream" | "hit" | "projects";
  status: number;
  code?: string;
  ms: number;
  requestId?: string;
}

const undo: (() => unknown)[] = [];

async function main() {
  if (EMBEDDED) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
  const db = await database();
  undo.push(() => db.dispose());
  const direct = new URL(db.env.DATABASE_URL ?? "postgres://embedded");
  const proxy = await startTcpProxy(PROXY_PORT, {
    host: direct.hostname,
    port: Number(direct.port || 5432),
  });
  undo.push(() => proxy.close());
  const viaProxy = new URL(direct);
  viaProxy.port = String(PROXY_PORT);
  const provider = await startProvider(5);
  undo.push(() => stopProcess(provider.child));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "aios-bench-soak-"));
  undo.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = startProcess(
    process.execPath,
    ["dist/server.mjs", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      ...process.env,
      ...(EMBEDDED ? {} : { DATABASE_URL: viaProxy.toString() }),
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
      NEXT_TELEMETRY_DISABLED: "1",
      OPENAI_API_KEY: "sk-fake",
      OPENAI_BASE_URL: `${provider.url}/v1`,
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: "1000000",
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000",
      RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    },
  );
  undo.push(() => stopProcess(server));
  await waitFor(`${BASE}/api/monitoring/health`, server, 90_000);
  const admin = await remoteUser(BASE); // the first account: admin (reads the system endpoint)
  const member = await remoteUser(BASE);
  const { key } = await remoteKey(BASE, member.session);
  const pid = listeningPid(PORT);

  const pool = new Pool(BASE, { connections: CONNECTIONS + 2, keepAliveTimeout: 60_000 });
  undo.push(() => pool.destroy());
  const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const memory: Memory = {
    before: { rss: [], heap: [] },
    cut: { rss: [], heap: [] },
    after: { rss: [], heap: [] },
  };
  let phase: Phase = "before";
  const sampler = setInterval(() => {
    memory[phase].rss.push(rssMb(pid));
    void pool
      .request({
        path: "/api/monitoring/system",
        method: "GET",
        headers: { cookie: admin.session },
      })
      .then(async (r) => {
        const body = (await r.body.json()) as { memory?: { heapUsedMb: number } };
        if (body.memory) memory[phase].heap.push(body.memory.heapUsedMb);
      })
      .catch(() => {});
  }, 1_000);
  undo.push(() => clearInterval(sampler));

  const samples: Sample[] = [];
  const rssStart = rssMb(pid);
  let next = 0;
  let cutDone: Promise<void> | undefined;
  const startCut = async () => {
    phase = "cut";
    if (CUT === "down") await proxy.outage(CUT_S * 1000);
    else {
      proxy.partition();
      await new Promise((r) => setTimeout(r, CUT_S * 1000));
      proxy.heal();
    }
    phase = "after";
  };
  const one = async (i: number) => {
    const kind: Sample["kind"] =
      i % 20 === 0 ? "projects" : i % 10 === 1 ? "stream" : i % 10 === 2 ? "hit" : "completion";
    const started = performance.now();
    const at = phase;
    try {
      const res =
        kind === "projects"
          ? await pool.request({ path: "/api/projects", method: "GET", headers: auth })
          : await pool.request({
              path: "/api/v1/chat/completions",
              method: "POST",
              headers: auth,
              body: JSON.stringify({
                model: "auto",
                stream: kind === "stream",
                messages: [
                  { role: "user", content: kind === "hit" ? "the same question" : `soak ${i}` },
                ],
              }),
            });
      const text = await res.body.text();
      const code = res.statusCode === 200 ? undefined : /"code":"([^"]+)"/.exec(text)?.[1];
      const id = res.headers["x-request-id"];
      samples.push({
        phase: at,
        kind,
        status: res.statusCode,
        code,
        ms: performance.now() - started,
        requestId: typeof id === "string" ? id : undefined,
      });
    } catch (err) {
      samples.push({
        phase: at,
        kind,
        status: 0,
        code: (err as Error).message,
        ms: performance.now() - started,
      });
    }
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let i = next++; i < N; i = next++) {
        if (!EMBEDDED && !cutDone && i >= N * CUT_AT) cutDone = startCut();
        await one(i);
      }
    }),
  );
  await cutDone;
  const seconds = (performance.now() - started) / 1000;

  // The ledger: every routed request (a completion, stream or hit answered 200) exactly once.
  const routed = samples
    .filter((s) => s.kind !== "projects" && s.status === 200)
    .map((s) => s.requestId!);
  if (EMBEDDED) {
    // The server holds the embedded database: its ledger is checked by the e2e tests instead.
    printPhases(samples, memory, seconds, `${db.label}, no cut`, rssStart);
    return;
  }
  const postgres = (await import("postgres")).default;
  const sql = postgres(direct.toString(), { max: 1, onnotice: () => {} });
  undo.push(() => sql.end());
  let rows: { request_id: string; n: number }[] = [];
  for (let waited = 0; waited < 30_000; waited += 500) {
    rows = (await sql`select request_id, count(*)::int as n from ai_requests group by 1`) as never;
    if (rows.length >= routed.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const onLedger = new Map(rows.map((r) => [r.request_id, r.n]));
  const missing = routed.filter((id) => !onLedger.has(id)).length;
  const twice = rows.filter((r) => r.n > 1).length;

  printPhases(
    samples,
    memory,
    seconds,
    `${db.label} through a proxy, cut (${CUT}) for ${CUT_S} s at ${Math.round(CUT_AT * 100)} %`,
    rssStart,
  );
  console.log(
    `ledger: ${routed.length} routed requests, ${rows.length} rows; missing ${missing}, twice ${twice}`,
  );
}

type Memory = Record<Phase, { rss: number[]; heap: number[] }>;

/** The report: per phase, requests, answers by status, latency, the server's RSS and heap. */
function printPhases(
  samples: Sample[],
  memory: Memory,
  seconds: number,
  what: string,
  rssStart: number,
) {
  console.log(
    `\nbench:soak — ${N} requests, ${CONNECTIONS} connections, ${seconds.toFixed(1)} s; ${what}`,
  );
  console.log(
    `server RSS at start ${rssStart.toFixed(0)} MB (after sign-up), heap cap: the entry's default\n`,
  );
  console.log(
    "phase   requests  answers by status (code)                                   p50 ms  p99 ms  RSS MB min–max  heap MB max",
  );
  for (const p of ["before", "cut", "after"] as Phase[]) {
    const s = samples.filter((x) => x.phase === p);
    if (!s.length) continue;
    const by = new Map<string, number>();
    for (const x of s) {
      const k = `${x.kind === "projects" ? "projects " : ""}${x.status}${x.code ? ` ${x.code}` : ""}`;
      by.set(k, (by.get(k) ?? 0) + 1);
    }
    const ms = s.map((x) => x.ms);
    const rss = memory[p].rss;
    const heap = memory[p].heap;
    console.log(
      [
        p.padEnd(7),
        String(s.length).padStart(8),
        "  " +
          [...by]
            .map(([k, n]) => `${k}: ${n}`)
            .join(", ")
            .padEnd(58),
        percentile(ms, 50).toFixed(1).padStart(7),
        percentile(ms, 99).toFixed(1).padStart(7),
        (rss.length
          ? `${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)}`
          : "–"
        ).padStart(15),
        (heap.length ? Math.max(...heap).toFixed(0) : "–").padStart(12),
      ].join(" "),
    );
  }
  const errors = samples.filter((s) => s.status !== 200);
  const clientErrors = errors.filter((s) => s.status >= 400 && s.status < 500).length;
  console.log(
    `\nerrors: ${errors.length} (4xx: ${clientErrors}, 5xx: ${errors.filter((s) => s.status >= 500).length}, connection: ${errors.filter((s) => s.status === 0).length})`,
  );
}

async function cleanup() {
  for (const fn of undo.reverse()) await Promise.resolve(fn()).catch(() => {});
}

main()
  .then(cleanup)
  .catch(async (err: unknown) => {
    console.error(err);
    await cleanup();
    process.exitCode = 1;
  });
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
