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
// provider) and what is outside the handler.
//
// BENCH_CPU_PROF=<dir> runs the server with `node --cpu-prof` and writes its profile there on exit.
//
// Database: PGlite in a throwaway DATA_DIR by default. With DATABASE_URL (a PostgreSQL server
// the bench may create databases on, e.g. postgres://postgres@127.0.0.1:5432/postgres) a
// throwaway database `aios_bench_gw_<pid>` is created there, migrated with `npm run db:migrate`
// and dropped afterwards: the configured database is never touched.
//
// Peer (optional): PEER_URL=http://127.0.0.1:8787 with Portkey's gateway running, installed
// outside the repo (never a dependency of the app):
//   mkdir -p /work/peer-portkey && cd /work/peer-portkey && npm init -y && npm i @portkey-ai/gateway@1.15.2
//   node node_modules/@portkey-ai/gateway/build/start-server.js --port=8787 --headless
// It is sent the direct request with x-portkey-provider: openai and x-portkey-custom-host set
// to the fake provider.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { Pool } from "undici";
import { remoteApiKey } from "../tests/helpers/remote-user";
import { percentile } from "./stats";

const ROOT = path.join(import.meta.dirname, "..");
const PORT = Number(process.env.BENCH_PORT ?? 3230);
const BASE = `http://127.0.0.1:${PORT}`;
const PEER = process.env.PEER_URL?.replace(/\/$/, "");
/** Latency rounds (each: every target non-streaming and streaming, a cache miss and a hit). */
const ROUNDS = Number(process.env.BENCH_N ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const CONNECTIONS = 16;
const TP_ROUNDS = Number(process.env.BENCH_TP_ROUNDS ?? 5);
const TP_SECONDS = Number(process.env.BENCH_ROUND_S ?? 3);
const LONG = process.env.BENCH_LONG !== "0";
const RSS_AT = LONG ? [10_000, 100_000] : [10_000];
/** Our gateway's model: "auto" runs the whole router (classification, route choice). */
const MODEL = process.env.BENCH_MODEL ?? "auto";

const TARGETS = {
  added_p50_ms: 1,
  added_p99_ms: 3,
  ttft_added_p50_ms: 2,
  throughput_vs_peer: 2,
  hit_vs_miss: 10,
  hit_p50_ms: 1,
};

// ---------------------------------------------------------------------------------------------
// HTTP: undici pools (keep-alive, 16 connections each), the same client for every target.

interface Answer {
  ms: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface Target {
  name: string;
  pool: Pool;
  path: string;
  headers: Record<string, string>;
  body(content: string, stream: boolean): string;
  /** Counts the requests our server answered (for the memory readings). */
  onAnswer?: () => void;
  /** The process answering (found by its listening port), for CPU time per request. */
  pid?: number;
}

const poolFor = (origin: string) =>
  new Pool(origin, { connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 60_000 });

async function post(t: Target, content: string): Promise<Answer> {
  const started = performance.now();
  const res = await t.pool.request({
    path: t.path,
    method: "POST",
    headers: t.headers,
    body: t.body(content, false),
  });
  const text = await res.body.text();
  const ms = performance.now() - started;
  t.onAnswer?.();
  if (res.statusCode !== 200) throw new Error(`${t.name}: HTTP ${res.statusCode} ${text}`);
  return { ms, headers: res.headers, text };
}

/** A streamed answer: time to the first `data:` chunk that carries content, and to the end. */
async function stream(t: Target, content: string): Promise<{ ttft: number; ms: number }> {
  const started = performance.now();
  const res = await t.pool.request({
    path: t.path,
    method: "POST",
    headers: t.headers,
    body: t.body(content, true),
  });
  if (res.statusCode !== 200) {
    t.onAnswer?.();
    throw new Error(`${t.name} (stream): HTTP ${res.statusCode} ${await res.body.text()}`);
  }
  let ttft: number | undefined;
  let buffer = "";
  let tail = "";
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    const s = chunk.toString("utf8");
    tail = (tail + s).slice(-64);
    if (ttft !== undefined) continue;
    buffer += s;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) !== -1) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith("data:") || line === "data: [DONE]") continue;
      const delta = (JSON.parse(line.slice(5)) as { choices?: { delta?: { content?: string } }[] })
        .choices?.[0]?.delta?.content;
      if (delta) {
        ttft = performance.now() - started;
        break;
      }
    }
  }
  const ms = performance.now() - started;
  t.onAnswer?.();
  if (ttft === undefined || !tail.includes("[DONE]"))
    throw new Error(`${t.name} (stream): no content or no [DONE]: …${tail}`);
  return { ttft, ms };
}

async function get(t: Target, pathname: string): Promise<number> {
  const started = performance.now();
  const res = await t.pool.request({ path: pathname, method: "GET", headers: t.headers });
  const text = await res.body.text();
  const ms = performance.now() - started;
  t.onAnswer?.();
  if (res.statusCode !== 200)
    throw new Error(`${t.name} ${pathname}: HTTP ${res.statusCode} ${text}`);
  return ms;
}

const header = (a: Answer, name: string) => {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(", ") : (v ?? "");
};

/** Server-Timing entries as { name: ms }. */
function serverTiming(a: Answer): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of header(a, "server-timing").matchAll(/(\w+)(?:;desc="[^"]*")?;dur=([\d.]+)/g))
    out[m[1]!] = Number(m[2]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Processes: fake providers, the app, the database.

/** A process in its own group (stopping it stops whatever it started); stderr shown. */
function startProcess(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdout: "pipe" | "ignore" = "ignore",
): ChildProcess {
  return spawn(cmd, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", stdout, "inherit"] });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    return Promise.resolve();
  }
  return exited;
}

/** scripts/fake-provider.ts (tests/helpers/fake-provider.ts as a process) on a free port. */
async function startProvider(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = startProcess(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["scripts/fake-provider.ts", "--port", "0", "--latency", String(latencyMs)],
    process.env,
    "pipe", // its first line is its address
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`fake provider exited (${code})`)));
  });
  return { url, child };
}

async function waitFor(url: string, server: ChildProcess, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** PGlite in the server's DATA_DIR, or a throwaway PostgreSQL database (see the top). */
async function database(): Promise<{
  env: Record<string, string>;
  label: string;
  dispose: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: {}, label: "PGlite (embedded)", dispose: async () => {} };
  const name = `aios_bench_gw_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const version = (await admin`show server_version`)[0]!.server_version as string;
  const dispose = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    execFileSync("npm", ["run", "--silent", "db:migrate"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: target.toString() },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (err) {
    await dispose();
    throw err;
  }
  return { env: { DATABASE_URL: target.toString() }, label: `PostgreSQL ${version}`, dispose };
}

/**
 * The pid of the process that owns the listening socket on `port` (the one actually serving:
 * `spawn` starts node directly, but this does not rely on it), found through /proc.
 */
function listeningPid(port: number): number {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(hex) && f[3] === "0A") inodes.add(f[9]!); // 0A: LISTEN
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
        if (m && inodes.has(m[1]!)) return Number(pid);
      }
    } catch {
      /* gone, or not ours to read */
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

/** CPU time (user + system, every thread) the process has used so far, in ms. */
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) / CLOCK_TICKS) * 1000; // utime, stime
}

const rssMb = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1]) / 1024;

// ---------------------------------------------------------------------------------------------
// Printing.

const f2 = (x: number) => x.toFixed(2);
const col = (s: string, w = 10) => s.padStart(w);
const p = (xs: number[], q: number) => (xs.length ? percentile(xs, q) : NaN);
const pairwise = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

function table(title: string, rows: [string, number[]][]) {
  console.log(`\n${title}`);
  console.log(`${"".padEnd(44)}${col("p50")}${col("p95")}${col("p99")}${col("n", 8)}`);
  for (const [name, xs] of rows)
    console.log(
      `${name.padEnd(44)}${col(f2(p(xs, 50)))}${col(f2(p(xs, 95)))}${col(f2(p(xs, 99)))}${col(String(xs.length), 8)}`,
    );
}

// ---------------------------------------------------------------------------------------------

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
  const server = startProcess(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      "dist/server.mjs",
      "-p",
      String(PORT),
      "-H",
      "127.0.0.1",
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
  await waitFor(`${BASE}/api/monitoring/health`, server, 90_000);
  await remoteApiKey(BASE); // the first account is the admin, exempt from rate limits
  const { key } = await remoteApiKey(BASE);
  const pid = listeningPid(PORT);

  // Requests our server answered, and its memory when the count passed each mark.
  let served = 0;
  const rss: { at: number; mb: number; during: string }[] = [];
  let phase = "warm-up";
  const countServed = () => {
    served++;
    if (served === RSS_AT[rss.length]) rss.push({ at: served, mb: rssMb(pid), during: phase });
  };

  const json = { "content-type": "application/json" };
  const openAiBody =
    (model: string, extra: object = {}) =>
    (content: string, stream: boolean) =>
      JSON.stringify({
        model,
        messages: [{ role: "user", content }],
        ...(stream ? { stream: true } : {}),
        ...extra,
      });
  const pool = (origin: string) => {
    const p = poolFor(origin);
    pools.push(p);
    return p;
  };
  const direct: Target = {
    name: "direct",
    pool: pool(fast.url),
    path: "/v1/chat/completions",
    headers: { ...json, authorization: "Bearer sk-fake" },
    body: openAiBody("gpt-4o-mini"),
  };
  const oursPool = pool(BASE);
  const ourHeaders = { ...json, authorization: `Bearer ${key}` };
  const ours: Target = {
    name: "ours",
    pool: oursPool,
    path: "/api/v1/chat/completions",
    headers: ourHeaders,
    body: openAiBody(MODEL, { cache: "bypass" }),
    onAnswer: countServed,
  };
  // Against the 10 ms provider, cache on (the default "auto").
  const cached: Target = {
    ...ours,
    name: "ours (10 ms provider)",
    body: openAiBody("slow-10ms"),
  };
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

  // The answers are what they claim: a routed answer, a real hit, a member's rate limit.
  const first = await post(ours, "which model answers?");
  const routedTo = `${header(first, "x-route-provider")}/${header(first, "x-route-model")}`;
  if (!header(first, "x-ratelimit-limit")) throw new Error("no X-RateLimit-Limit: not a member?");
  await post(cached, "cache me warm");
  const warmHit = await post(cached, "cache me warm");
  if (header(warmHit, "x-cache") !== "HIT")
    throw new Error(`expected a cache hit, got x-cache ${header(warmHit, "x-cache")}`);
  const peerVersion = peer ? (await post(peer, "hello peer")).headers["x-portkey-version"] : "";
  // A peer that cannot stream is measured without streaming (and says why).
  let peerStreamError: string | undefined;
  if (peer)
    await stream(peer, "hello peer").catch((err: unknown) => {
      peerStreamError = err instanceof Error ? err.message : String(err);
    });
  const streamed = chat.filter((t) => t !== peer || !peerStreamError);

  // ---- 1. latency rounds ----------------------------------------------------------------
  const lat = new Map<string, number[]>();
  const ttft = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, v: number) => {
    const list = m.get(k) ?? [];
    list.push(v);
    m.set(k, list);
  };
  const timings: Record<string, number>[] = [];
  const miss: number[] = [];
  const hit: number[] = [];
  const hitTimings: Record<string, number>[] = [];
  const floor: number[] = [];
  let misses = 0;
  const round = async (i: number, record: boolean) => {
    // The order alternates, so neither side of a pair is always the first on a warm socket.
    const order = i % 2 === 0 ? chat : [...chat].reverse();
    for (const t of order) {
      const a = await post(t, `hello number ${i}`);
      if (record) push(lat, t.name, a.ms);
      if (record && t === ours) timings.push(serverTiming(a));
    }
    for (const t of order.filter((t) => streamed.includes(t))) {
      const s = await stream(t, `stream number ${i}`);
      if (record) push(ttft, t.name, s.ttft);
    }
    const f = await get(
      { ...ours, headers: { authorization: ourHeaders.authorization } },
      "/api/v1/models",
    );
    const m = await post(cached, `cache me ${i} ${record}`);
    const h = await post(cached, "cache me warm");
    if (!record) return;
    floor.push(f);
    if (header(m, "x-cache") === "MISS") misses++;
    if (header(h, "x-cache") !== "HIT") throw new Error("a warm key missed the cache");
    miss.push(m.ms);
    hit.push(h.ms);
    hitTimings.push(serverTiming(h));
  };
  for (let i = 0; i < WARMUP; i++) await round(-1 - i, false);
  const rssWarm = rssMb(pid);
  phase = "latency rounds";
  for (let i = 0; i < ROUNDS; i++) await round(i, true);

  // ---- 2. throughput at 16 connections ----------------------------------------------------
  phase = "throughput rounds";
  const load = async (t: Target, seconds: number, tag: string) => {
    const until = performance.now() + seconds * 1000;
    const ms: number[] = [];
    const started = performance.now();
    const cpuBefore = t.pid ? cpuMs(t.pid) : 0;
    let n = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, w) => {
        while (performance.now() < until) {
          // Every 10th request streams: the pump for the memory readings is not only JSON.
          const i = n++;
          if (tag === "pump" && i % 10 === 0) await stream(t, `${tag} ${w} ${i}`);
          else ms.push((await post(t, `${tag} ${w} ${i}`)).ms);
        }
      }),
    );
    const cpu = t.pid ? cpuMs(t.pid) - cpuBefore : NaN;
    return { n, seconds: (performance.now() - started) / 1000, ms, cpu };
  };
  for (const t of chat) await load(t, 1, "warm"); // connections open, code warm
  const tp = new Map<
    string,
    { n: number; seconds: number; ms: number[]; perRound: number[]; cpu: number }
  >();
  for (let r = 0; r < TP_ROUNDS; r++) {
    const order = chat.map((_, i) => chat[(i + r) % chat.length]!);
    for (const t of order) {
      const x = await load(t, TP_SECONDS, `load ${r}`);
      const acc = tp.get(t.name) ?? { n: 0, seconds: 0, ms: [], perRound: [], cpu: 0 };
      acc.n += x.n;
      acc.cpu += x.cpu;
      acc.seconds += x.seconds;
      acc.ms.push(...x.ms);
      acc.perRound.push(x.n / x.seconds);
      tp.set(t.name, acc);
    }
  }

  // ---- 3. memory: pump until the last mark ------------------------------------------------
  phase = "memory pump";
  while (rss.length < RSS_AT.length) await load(ours, 5, "pump");
  const loadAfter = os.loadavg();

  // ---- report ------------------------------------------------------------------------------
  const d = lat.get("direct")!;
  const addedOurs = pairwise(lat.get("ours")!, d);
  const addedPeer = peer ? pairwise(lat.get("peer")!, d) : [];
  const td = ttft.get("direct")!;
  const ttftOurs = pairwise(ttft.get("ours")!, td);
  const ttftPeer = ttft.has("peer") ? pairwise(ttft.get("peer")!, td) : [];

  console.log(
    `\nbench:gateway — ${ROUNDS} interleaved rounds after ${WARMUP} warm-up, ${db.label}, ` +
      `node ${process.version}, ${os.cpus().length} cores, load ${loadBefore.map(f2).join(" ")} ` +
      `before / ${loadAfter.map(f2).join(" ")} after`,
  );
  console.log(
    `ours: POST /api/v1/chat/completions, model ${MODEL} → ${routedTo}, cache bypass, member API key` +
      (peer
        ? `; peer: ${PEER} (x-portkey-version ${String(peerVersion ?? "?")})`
        : "; no peer (PEER_URL)"),
  );
  table("non-streaming, ms", [
    ["direct → fake provider", d],
    ["ours → same provider", lat.get("ours")!],
    ...(peer ? ([["peer → same provider", lat.get("peer")!]] as [string, number[]][]) : []),
    ["added by ours (pairwise)", addedOurs],
    ...(peer ? ([["added by peer (pairwise)", addedPeer]] as [string, number[]][]) : []),
    ["ours GET /api/v1/models (HTTP+auth floor)", floor],
  ]);
  table("streaming, time to first content chunk, ms", [
    ["direct → fake provider", td],
    ["ours → same provider", ttft.get("ours")!],
    ...(ttft.has("peer")
      ? ([["peer → same provider", ttft.get("peer")!]] as [string, number[]][])
      : []),
    ["TTFT added by ours (pairwise)", ttftOurs],
    ...(ttft.has("peer")
      ? ([["TTFT added by peer (pairwise)", ttftPeer]] as [string, number[]][])
      : []),
  ]);
  if (peerStreamError)
    console.log(`  (peer not measured streaming: ${peerStreamError.slice(0, 200)})`);

  console.log(
    `\nthroughput, ${CONNECTIONS} connections, ${TP_ROUNDS} rounds × ${TP_SECONDS} s per target, interleaved`,
  );
  console.log(
    `${"".padEnd(28)}${col("req/s")}${col("p50 ms")}${col("p99 ms")}${col("CPU ms/req", 12)}   per round (req/s)`,
  );
  for (const [name, x] of tp)
    console.log(
      `${name.padEnd(28)}${col((x.n / x.seconds).toFixed(0))}${col(f2(p(x.ms, 50)))}${col(f2(p(x.ms, 99)))}${col(f2(x.cpu / x.n), 12)}   ${x.perRound.map((v) => v.toFixed(0)).join(" ")}`,
    );
  console.log(
    "  CPU ms/req: user + system time of the answering process (all its threads) per request;" +
      " it depends less on the machine's other load than req/s does",
  );
  const rps = (name: string) => tp.get(name)!.n / tp.get(name)!.seconds;

  table("cache, 10 ms provider, ours end to end, ms", [
    [`miss (${misses}/${miss.length} were MISS)`, miss],
    ["hit", hit],
  ]);
  const ratio = p(miss, 50) / p(hit, 50);

  console.log(`\nserver memory (VmRSS of pid ${pid}, the process listening on :${PORT})`);
  console.log(`  after warm-up          ${rssWarm.toFixed(1)} MB`);
  for (const r of rss)
    console.log(
      `  after ${String(r.at).padEnd(7)} requests ${r.mb.toFixed(1)} MB  (read during ${r.during})`,
    );
  if (rss.length > 1)
    console.log(
      `  growth ${RSS_AT[0]} → ${RSS_AT.at(-1)}: ${(((rss.at(-1)!.mb - rss[0]!.mb) / rss[0]!.mb) * 100).toFixed(1)} %`,
    );

  // Where our time goes: Server-Timing per request, against the direct call of the same round.
  const part = (k: string) => timings.map((t) => t[k] ?? 0);
  const oursMs = lat.get("ours")!;
  const inHandler = timings.map((t) => (t.auth ?? 0) + (t.app ?? 0));
  const rows: [string, number[]][] = [
    ["auth: caller, origin, rate limit", part("auth")],
    ["app: the handler, of which", part("app")],
    ["  route: classify, budgets, choose", part("route")],
    ["  cache: lookup (bypass)", part("cache")],
    ["  provider: the call, as the server times it", part("provider")],
    [
      "  rest of app (ctx, result, ledger, body)",
      timings.map((t) => (t.app ?? 0) - (t.route ?? 0) - (t.cache ?? 0) - (t.provider ?? 0)),
    ],
    ["provider call − direct call (client cost)", pairwise(part("provider"), d)],
    ["outside the handler (HTTP in/out, parse)", pairwise(oursMs, inHandler)],
  ];
  table("where ours' non-streaming time goes (Server-Timing per request), ms", rows);
  console.log(
    `  hit: ${Object.keys(hitTimings[0] ?? {})
      .map(
        (k) =>
          `${k} ${f2(
            p(
              hitTimings.map((t) => t[k] ?? 0),
              50,
            ),
          )}`,
      )
      .join(" · ")} (p50) of ${f2(p(hit, 50))} ms end to end`,
  );

  console.log("\ntargets");
  const line = (what: string, value: string, ok: boolean) =>
    console.log(`  ${what.padEnd(40)}${value.padStart(20)}   ${verdict(ok)}`);
  line(
    "added p50 ≤ 1.0 ms",
    `${f2(p(addedOurs, 50))} ms`,
    p(addedOurs, 50) <= TARGETS.added_p50_ms,
  );
  line("added p99 ≤ 3 ms", `${f2(p(addedOurs, 99))} ms`, p(addedOurs, 99) <= TARGETS.added_p99_ms);
  line(
    "streaming TTFT added p50 ≤ 2 ms",
    `${f2(p(ttftOurs, 50))} ms`,
    p(ttftOurs, 50) <= TARGETS.ttft_added_p50_ms,
  );
  if (peer)
    line(
      "throughput ≥ 2× peer's",
      `${(rps("ours") / rps("peer")).toFixed(2)}×`,
      rps("ours") / rps("peer") >= TARGETS.throughput_vs_peer,
    );
  line(
    "cache hit ≥ 10× faster than miss (p50)",
    `${ratio.toFixed(1)}×`,
    ratio >= TARGETS.hit_vs_miss,
  );
  line("cache hit p50 ≤ 1 ms", `${f2(p(hit, 50))} ms`, p(hit, 50) <= TARGETS.hit_p50_ms);
  if (peer) {
    console.log(
      "\nours vs peer (ours ÷ peer; below 1 is better for latency, above 1 for throughput)",
    );
    console.log(
      `  added p50 ${f2(p(addedOurs, 50))} vs ${f2(p(addedPeer, 50))} ms → ${(p(addedOurs, 50) / p(addedPeer, 50)).toFixed(2)}` +
        ` · added p99 ${f2(p(addedOurs, 99))} vs ${f2(p(addedPeer, 99))} ms → ${(p(addedOurs, 99) / p(addedPeer, 99)).toFixed(2)}` +
        (ttftPeer.length
          ? ` · TTFT added p50 ${f2(p(ttftOurs, 50))} vs ${f2(p(ttftPeer, 50))} ms`
          : "") +
        ` · throughput ${rps("ours").toFixed(0)} vs ${rps("peer").toFixed(0)} req/s → ${(rps("ours") / rps("peer")).toFixed(2)}`,
    );
  }
}

/** What to undo on the way out, newest first: also on Ctrl-C, or when the output pipe closes. */
const undo: (() => unknown)[] = [];
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
