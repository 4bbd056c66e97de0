// npm run bench:gateway — what the gateway adds on top of a provider, against an optional peer.
// Needs `npm run build` first (it runs the built server entry, `node dist/server.mjs`, as
// `npm start` does). Starts two fake providers (real OpenAI wire format; 0 ms and 10 ms) as their
// own processes, so that the bench's client and the provider do not share an event loop, and
// the app with high rate limits and LOG_LEVEL=warn. It signs up a throwaway first user (who
// becomes admin, and admins are exempt from rate limits) and then the member whose API key the
// bench uses, so every request pays for the rate limiter. Then, in one run:
//   1. latency rounds, the targets interleaved request by request (order alternating per round):
//        direct — POST straight to the fake provider (model gpt-4o-mini)
//        ours   — the same through POST /api/v1/chat/completions (model auto, cache bypass)
//        peer   — the same through the peer gateway (PEER_URL, optional)
//        floor  — GET /api/v1/models (HTTP + auth + rate limit, no provider)
//      each non-streaming and streaming (time to the first `data:` chunk with content), and
//      against the 10 ms provider a cache miss and a cache hit through our gateway;
//   2. throughput at 16 connections: rounds of BENCH_ROUND_S seconds per target, interleaved;
//   3. the server's resident memory (VmRSS of the process listening on the port) after 10 000
//      and 100 000 requests (BENCH_LONG=0 stops at 10 000);
// and prints where our time goes from the Server-Timing entries (auth, app, route, cache,
// provider) and what is outside the handler. The client, the processes and the report are in
// bench/gateway/.
//
// BENCH_CPU_PROF=<dir> runs the server with `node --cpu-prof` and writes its profile there on exit.
// BENCH_SERVER_NODE_ARGS adds node flags to the server: --max-old-space-size=384 for the memory
// check (V8 otherwise grows its heap while memory is free, and RSS cannot tell garbage from a
// leak), --heapsnapshot-signal=SIGUSR2 to look at what it holds.
//
// Database: PGlite in a throwaway DATA_DIR by default. With DATABASE_URL (a PostgreSQL server
// the bench may create databases on, e.g. postgres://postgres@127.0.0.1:5432/postgres) a
// throwaway database `aios_bench_gw_<pid>` is created there, migrated with `npm run db:migrate`
// and dropped afterwards: the configured database is never touched.
//
// Peer (optional): PEER_URL=http://127.0.0.1:8787 with Portkey's gateway running (installed
// outside the repo, never a dependency: see the README), sent the direct request with
// x-portkey-provider: openai and x-portkey-custom-host set to the fake provider.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Pool } from "undici";
import { remoteApiKey } from "../tests/helpers/remote-user";
import {
  concurrent,
  get,
  header,
  openAiBody,
  poolFor,
  post,
  serverTiming,
  stream,
  type Target,
} from "./gateway/http";
import {
  cpuMs,
  database,
  listeningPid,
  ROOT,
  rssMb,
  startProcess,
  startProvider,
  stopProcess,
  waitFor,
} from "./gateway/processes";
import { report, type Results, type Throughput } from "./gateway/report";

const PORT = Number(process.env.BENCH_PORT ?? 3230);
const BASE = `http://127.0.0.1:${PORT}`;
const PEER = process.env.PEER_URL?.replace(/\/$/, "");
/** Latency rounds (each: every target non-streaming and streaming, a cache miss and a hit). */
const ROUNDS = Number(process.env.BENCH_N ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const TP_ROUNDS = Number(process.env.BENCH_TP_ROUNDS ?? 5);
const TP_SECONDS = Number(process.env.BENCH_ROUND_S ?? 3);
const RSS_AT = process.env.BENCH_LONG === "0" ? [10_000] : [10_000, 100_000];
/** Our gateway's model: "auto" runs the whole router (classification, route choice). */
const MODEL = process.env.BENCH_MODEL ?? "auto";

/** What to undo on the way out, newest first: also on Ctrl-C, or when the output pipe closes. */
const undo: (() => unknown)[] = [];

async function main() {
  if (!existsSync(path.join(ROOT, "dist/server.mjs")) || !existsSync(path.join(ROOT, ".next")))
    throw new Error("Run `npm run build` first (dist/server.mjs and .next are missing).");
  const loadBefore = os.loadavg();
  const db = await database();
  undo.push(() => db.dispose());
  const fast = await startProvider(0);
  undo.push(() => stopProcess(fast.child));
  const slow = await startProvider(10);
  undo.push(() => stopProcess(slow.child));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "aios-bench-gateway-"));
  undo.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const profile = process.env.BENCH_CPU_PROF;
  const server = startProcess(
    process.execPath,
    [
      ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []),
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
      ...["dist/server.mjs", "-p", String(PORT), "-H", "127.0.0.1"],
    ],
    {
      ...process.env,
      ...db.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      OPENAI_API_KEY: "sk-fake",
      OPENAI_BASE_URL: `${fast.url}/v1`,
      // The 10 ms provider is reachable as an OpenAI-compatible endpoint with its own model id.
      OPENAI_COMPATIBLE_SLOW_BASE_URL: `${slow.url}/v1`,
      OPENAI_COMPATIBLE_SLOW_API_KEY: "sk-fake",
      OPENAI_COMPATIBLE_SLOW_MODELS: "slow-10ms",
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: "1000000",
      RATE_LIMIT_PREMIUM_PER_MINUTE: "1000000",
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000",
      RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    },
  );
  undo.push(() => stopProcess(server));
  const pools: Pool[] = [];
  undo.push(() => Promise.all(pools.map((p) => p.destroy())));
  const pool = (origin: string) => {
    const p = poolFor(origin);
    pools.push(p);
    return p;
  };
  await waitFor(`${BASE}/api/monitoring/health`, server, 90_000);
  await remoteApiKey(BASE); // the first account is the admin, exempt from rate limits
  const { key } = await remoteApiKey(BASE);
  const pid = listeningPid(PORT);

  // Requests our server answered, and its memory when the count passed each mark.
  let served = 0;
  let phase = "warm-up";
  const heapCap = /--max-old-space-size=(\d+)/.exec(process.env.BENCH_SERVER_NODE_ARGS ?? "");
  const memory: Results["memory"] = {
    pid,
    port: PORT,
    warm: 0,
    marks: [],
    heapCapMb: heapCap ? Number(heapCap[1]) : undefined,
  };
  const countServed = () => {
    served++;
    if (served === RSS_AT[memory.marks.length])
      memory.marks.push({ at: served, mb: rssMb(pid), during: phase });
  };

  const json = { "content-type": "application/json" };
  const direct: Target = {
    name: "direct",
    pool: pool(fast.url),
    path: "/v1/chat/completions",
    headers: { ...json, authorization: "Bearer sk-fake" },
    body: openAiBody("gpt-4o-mini"),
  };
  const ours: Target = {
    name: "ours",
    pool: pool(BASE),
    path: "/api/v1/chat/completions",
    headers: { ...json, authorization: `Bearer ${key}` },
    body: openAiBody(MODEL, { cache: "bypass" }),
    onAnswer: countServed,
  };
  // Against the 10 ms provider, cache on (the default "auto").
  const cached: Target = { ...ours, name: "ours (10 ms)", body: openAiBody("slow-10ms") };
  const peer: Target | undefined = PEER
    ? {
        name: "peer",
        pool: pool(PEER),
        path: "/v1/chat/completions",
        headers: {
          ...json,
          authorization: "Bearer sk-fake",
          "x-portkey-provider": "openai",
          "x-portkey-custom-host": `${fast.url}/v1`,
        },
        body: openAiBody("gpt-4o-mini"),
      }
    : undefined;
  const chat = [direct, ours, ...(peer ? [peer] : [])];
  for (const t of chat) {
    const { hostname, port } = new URL(t === ours ? BASE : t === direct ? fast.url : PEER!);
    // Only a process on this machine can be measured (a remote peer has no CPU column).
    if (["127.0.0.1", "localhost"].includes(hostname)) t.pid = listeningPid(Number(port));
  }

  // The answers are what they claim: a routed answer, a member's rate limit, a real hit.
  const first = await post(ours, "which model answers?");
  const routedTo = `${header(first, "x-route-provider")}/${header(first, "x-route-model")}`;
  if (!header(first, "x-ratelimit-limit")) throw new Error("no X-RateLimit-Limit: not a member?");
  await post(cached, "cache me warm");
  const warmHit = await post(cached, "cache me warm");
  if (header(warmHit, "x-cache") !== "HIT")
    throw new Error(`expected a cache hit, got x-cache ${header(warmHit, "x-cache")}`);
  if (peer) await post(peer, "hello peer");
  // A peer that cannot stream is measured without streaming (and says why).
  let peerStreamError: string | undefined;
  if (peer)
    await stream(peer, "hello peer").catch((err: unknown) => {
      peerStreamError = err instanceof Error ? err.message : String(err);
    });
  const streamed = chat.filter((t) => t !== peer || !peerStreamError);

  // ---- 1. latency rounds ----------------------------------------------------------------
  const latency = new Map<string, number[]>();
  const ttft = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, v: number) =>
    m.set(k, [...(m.get(k) ?? []), v]);
  const timings: Results["timings"] = [];
  const floor: number[] = [];
  const cache: Results["cache"] = { miss: [], misses: 0, hit: [], hitTimings: [] };
  const round = async (i: number, record: boolean) => {
    // The order alternates, so neither side of a pair is always the first on a warm socket.
    const order = i % 2 === 0 ? chat : [...chat].reverse();
    for (const t of order) {
      const a = await post(t, `hello number ${i}`);
      if (record) add(latency, t.name, a.ms);
      if (record && t === ours) timings.push(serverTiming(a));
    }
    for (const t of order.filter((t) => streamed.includes(t))) {
      const s = await stream(t, `stream number ${i}`);
      if (record) add(ttft, t.name, s.ttft);
    }
    const f = await get(ours, "/api/v1/models", { authorization: ours.headers.authorization! });
    const m = await post(cached, `cache me ${i} ${record}`);
    const h = await post(cached, "cache me warm");
    if (header(h, "x-cache") !== "HIT") throw new Error("a warm key missed the cache");
    if (!record) return;
    floor.push(f);
    if (header(m, "x-cache") === "MISS") cache.misses++;
    cache.miss.push(m.ms);
    cache.hit.push(h.ms);
    cache.hitTimings.push(serverTiming(h));
  };
  for (let i = 0; i < WARMUP; i++) await round(-1 - i, false);
  memory.warm = rssMb(pid);
  phase = "latency rounds";
  for (let i = 0; i < ROUNDS; i++) await round(i, true);

  // ---- 2. throughput at 16 connections ----------------------------------------------------
  phase = "throughput rounds";
  const load = (t: Target, seconds: number, tag: string) => concurrent(t, seconds, tag, cpuMs);
  for (const t of chat) await load(t, 1, "warm"); // connections open, code warm
  const throughput = new Map<string, Throughput>();
  for (let r = 0; r < TP_ROUNDS; r++) {
    for (const t of chat.map((_, i) => chat[(i + r) % chat.length]!)) {
      const x = await load(t, TP_SECONDS, `load ${r}`);
      const acc = throughput.get(t.name) ?? { n: 0, seconds: 0, ms: [], perRound: [], cpu: 0 };
      acc.n += x.n;
      acc.seconds += x.seconds;
      acc.cpu += x.cpu;
      acc.ms.push(...x.ms);
      acc.perRound.push(x.n / x.seconds);
      throughput.set(t.name, acc);
    }
  }

  // ---- 3. memory: pump until the last mark ------------------------------------------------
  phase = "memory pump";
  while (memory.marks.length < RSS_AT.length) await load(ours, 5, "pump");

  const load2 = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  report({
    intro: [
      `bench:gateway — ${ROUNDS} interleaved rounds after ${WARMUP} warm-up, ${db.label}, node ` +
        `${process.version}, ${os.cpus().length} cores, load ${load2(loadBefore)} before / ` +
        `${load2(os.loadavg())} after`,
      `ours: POST /api/v1/chat/completions, model ${MODEL} → ${routedTo}, cache bypass, member ` +
        `API key; ${peer ? `peer: ${PEER}` : "no peer (PEER_URL)"}`,
    ],
    latency,
    ttft,
    peerStreamError,
    floor,
    timings,
    throughput,
    throughputRounds: TP_ROUNDS,
    roundSeconds: TP_SECONDS,
    cache,
    memory,
  });
}

async function cleanUp() {
  while (undo.length) await Promise.resolve(undo.pop()!()).catch(() => {});
}
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));
process.stdout.on("error", () => {}); // `| head` closed it: still clean up

void main().then(
  () => cleanUp().then(() => process.exit(0)),
  (err: unknown) => {
    console.error(err);
    void cleanUp().then(() => process.exit(1));
  },
);
