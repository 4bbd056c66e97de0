// bench:gateway's report: the tables, where our time goes, the targets and the peer ratios.
import { percentile } from "../stats";
import { CONNECTIONS } from "./http";

const TARGETS = {
  addedP50Ms: 1,
  addedP99Ms: 3,
  ttftAddedP50Ms: 2,
  throughputVsPeer: 2,
  hitVsMiss: 10,
  hitP50Ms: 1,
  rssGrowthPct: 10,
};

export interface Throughput {
  n: number;
  seconds: number;
  ms: number[];
  perRound: number[];
  /** CPU ms the answering process used (NaN when it is not on this machine). */
  cpu: number;
}

export interface Results {
  /** Lines that say what ran where. */
  intro: string[];
  /** Per target name (direct, ours, peer): non-streaming ms, and streaming time to first token. */
  latency: Map<string, number[]>;
  ttft: Map<string, number[]>;
  peerStreamError?: string;
  /** GET /api/v1/models through ours. */
  floor: number[];
  /** Server-Timing of ours' non-streaming answers, in the order of `latency.get("ours")`. */
  timings: Record<string, number>[];
  throughput: Map<string, Throughput>;
  throughputRounds: number;
  roundSeconds: number;
  cache: { miss: number[]; misses: number; hit: number[]; hitTimings: Record<string, number>[] };
  memory: {
    pid: number;
    port: number;
    warm: number;
    marks: { at: number; mb: number; during: string }[];
    /** The server's --max-old-space-size, when the run set one (BENCH_SERVER_NODE_ARGS). */
    heapCapMb?: number;
  };
}

const f2 = (x: number) => x.toFixed(2);
const col = (s: string, w = 10) => s.padStart(w);
const p = (xs: number[], q: number) => (xs.length ? percentile(xs, q) : NaN);
/** Request by request: a[i] − b[i] (the two were sent in the same round, one after the other). */
const pairwise = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);

function table(title: string, rows: [string, number[] | undefined][]) {
  console.log(`\n${title}`);
  console.log(`${"".padEnd(44)}${col("p50")}${col("p95")}${col("p99")}${col("n", 8)}`);
  for (const [name, xs] of rows)
    if (xs)
      console.log(
        `${name.padEnd(44)}${col(f2(p(xs, 50)))}${col(f2(p(xs, 95)))}${col(f2(p(xs, 99)))}${col(String(xs.length), 8)}`,
      );
}

export function report(r: Results): void {
  const direct = r.latency.get("direct")!;
  const ours = r.latency.get("ours")!;
  const peer = r.latency.get("peer");
  const added = pairwise(ours, direct);
  const addedPeer = peer && pairwise(peer, direct);
  const ttftDirect = r.ttft.get("direct")!;
  const ttftOurs = pairwise(r.ttft.get("ours")!, ttftDirect);
  const ttftPeer = r.ttft.has("peer") ? pairwise(r.ttft.get("peer")!, ttftDirect) : undefined;

  console.log(`\n${r.intro.join("\n")}`);
  table("non-streaming, ms", [
    ["direct → fake provider", direct],
    ["ours → same provider", ours],
    ["peer → same provider", peer],
    ["added by ours (pairwise)", added],
    ["added by peer (pairwise)", addedPeer],
    ["ours GET /api/v1/models (HTTP+auth floor)", r.floor],
  ]);
  table("streaming, time to first content chunk, ms", [
    ["direct → fake provider", ttftDirect],
    ["ours → same provider", r.ttft.get("ours")],
    ["peer → same provider", r.ttft.get("peer")],
    ["TTFT added by ours (pairwise)", ttftOurs],
    ["TTFT added by peer (pairwise)", ttftPeer],
  ]);
  if (r.peerStreamError)
    console.log(`  (peer not measured streaming: ${r.peerStreamError.slice(0, 200)})`);

  console.log(
    `\nthroughput, ${CONNECTIONS} connections, ${r.throughputRounds} rounds × ${r.roundSeconds} s per target, interleaved`,
  );
  console.log(
    `${"".padEnd(28)}${col("req/s")}${col("p50 ms")}${col("p99 ms")}${col("CPU ms/req", 12)}   per round (req/s)`,
  );
  for (const [name, x] of r.throughput)
    console.log(
      `${name.padEnd(28)}${col((x.n / x.seconds).toFixed(0))}${col(f2(p(x.ms, 50)))}${col(f2(p(x.ms, 99)))}${col(f2(x.cpu / x.n), 12)}   ${x.perRound.map((v) => v.toFixed(0)).join(" ")}`,
    );
  console.log(
    "  CPU ms/req: user + system time of the answering process (all its threads) per request;\n" +
      "  it depends less on the machine's other load than req/s does",
  );
  const rps = (name: string) => {
    const x = r.throughput.get(name);
    return x ? x.n / x.seconds : NaN;
  };

  const { miss, hit } = r.cache;
  table("cache, 10 ms provider, ours end to end, ms", [
    [`miss (${r.cache.misses}/${miss.length} were MISS)`, miss],
    ["hit", hit],
  ]);
  const hitRatio = p(miss, 50) / p(hit, 50);

  const m = r.memory;
  console.log(`\nserver memory (VmRSS of pid ${m.pid}, the process listening on :${m.port})`);
  console.log(`  after warm-up            ${m.warm.toFixed(1)} MB`);
  for (const x of m.marks)
    console.log(
      `  after ${String(x.at).padEnd(7)} requests ${x.mb.toFixed(1)} MB (during ${x.during})`,
    );
  const growth =
    m.marks.length > 1 ? ((m.marks.at(-1)!.mb - m.marks[0]!.mb) / m.marks[0]!.mb) * 100 : NaN;
  if (m.marks.length > 1)
    console.log(
      `  growth ${m.marks[0]!.at} → ${m.marks.at(-1)!.at}: ${growth.toFixed(1)} %` +
        (m.heapCapMb ? ` (heap capped at ${m.heapCapMb} MB)` : " (default heap size)"),
    );
  if (growth > TARGETS.rssGrowthPct && !m.heapCapMb)
    console.log(
      "  V8 lets its heap grow while the machine has memory to spare, so RSS alone does not tell\n" +
        "  garbage from a leak: BENCH_SERVER_NODE_ARGS=--max-old-space-size=384 bounds the heap, and\n" +
        "  growth that remains is memory the server holds on to.",
    );

  // Where our time goes: Server-Timing per request, against the direct call of the same round.
  const part = (k: string) => r.timings.map((t) => t[k] ?? 0);
  const inHandler = r.timings.map((t) => (t.auth ?? 0) + (t.app ?? 0));
  table("where ours' non-streaming time goes (Server-Timing per request), ms", [
    ["auth: caller, origin, rate limit", part("auth")],
    ["app: the handler, of which", part("app")],
    ["  route: classify, budgets, choose", part("route")],
    ["  cache: lookup (bypass)", part("cache")],
    ["  provider: the call, as the server times it", part("provider")],
    [
      "  rest of app (ctx, result, ledger, body)",
      r.timings.map((t) => (t.app ?? 0) - (t.route ?? 0) - (t.cache ?? 0) - (t.provider ?? 0)),
    ],
    ["provider call − direct call (client cost)", pairwise(part("provider"), direct)],
    ["outside the handler (HTTP in/out, parse)", pairwise(ours, inHandler)],
  ]);
  const hitPart = (k: string) =>
    f2(
      p(
        r.cache.hitTimings.map((t) => t[k] ?? 0),
        50,
      ),
    );
  console.log(
    `  a hit: ${["auth", "app", "route", "cache"].map((k) => `${k} ${hitPart(k)}`).join(" · ")} ms (p50) of ${f2(p(hit, 50))} ms end to end`,
  );

  console.log("\ntargets");
  const line = (what: string, value: string, ok: boolean) =>
    console.log(`  ${what.padEnd(40)}${value.padStart(12)}   ${ok ? "met" : "MISSED"}`);
  line("added p50 ≤ 1.0 ms", `${f2(p(added, 50))} ms`, p(added, 50) <= TARGETS.addedP50Ms);
  line("added p99 ≤ 3 ms", `${f2(p(added, 99))} ms`, p(added, 99) <= TARGETS.addedP99Ms);
  line(
    "streaming TTFT added p50 ≤ 2 ms",
    `${f2(p(ttftOurs, 50))} ms`,
    p(ttftOurs, 50) <= TARGETS.ttftAddedP50Ms,
  );
  if (peer) {
    const x = rps("ours") / rps("peer");
    line("throughput ≥ 2× peer's", `${x.toFixed(2)}×`, x >= TARGETS.throughputVsPeer);
  }
  line(
    "cache hit ≥ 10× faster than miss (p50)",
    `${hitRatio.toFixed(1)}×`,
    hitRatio >= TARGETS.hitVsMiss,
  );
  line("cache hit p50 ≤ 1 ms", `${f2(p(hit, 50))} ms`, p(hit, 50) <= TARGETS.hitP50Ms);
  if (m.marks.length > 1)
    line(
      `RSS growth ${m.marks[0]!.at / 1000}k → ${m.marks.at(-1)!.at / 1000}k ≤ 10 %`,
      `${growth.toFixed(1)} %${m.heapCapMb ? ` (${m.heapCapMb} MB heap)` : ""}`,
      growth <= TARGETS.rssGrowthPct,
    );

  if (addedPeer) {
    const ratio = (a: number, b: number) => `${f2(a)} vs ${f2(b)} → ${(a / b).toFixed(2)}`;
    console.log(
      "\nours vs peer (ours ÷ peer: below 1 is better for latency, above 1 for throughput)",
    );
    console.log(`  added p50 ms     ${ratio(p(added, 50), p(addedPeer, 50))}`);
    console.log(`  added p99 ms     ${ratio(p(added, 99), p(addedPeer, 99))}`);
    if (ttftPeer) console.log(`  TTFT added p50   ${ratio(p(ttftOurs, 50), p(ttftPeer, 50))}`);
    console.log(`  throughput req/s ${ratio(rps("ours"), rps("peer"))}`);
    const cpu = (n: string) => r.throughput.get(n)!.cpu / r.throughput.get(n)!.n;
    console.log(`  CPU ms/request   ${ratio(cpu("ours"), cpu("peer"))}`);
  }
}
