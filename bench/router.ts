// npm run bench:router — what the router adds on top of a provider, and what the cache saves.
// Starts the fake provider (real OpenAI wire format) and the built app (`next start`; run
// `npm run build` first), then measures in one run, interleaved request by request:
//   direct  — POST straight to the fake provider
//   router  — the same request through /api/v1/chat/completions (API key, model auto, cache bypass)
//   floor   — GET /api/v1/models (HTTP + auth + rate limit, no provider): where the added time goes
// and against a provider that takes 10 ms: cache miss vs cache hit through the router.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFakeProvider } from "../tests/helpers/fake-provider";
import { remoteApiKey } from "../tests/helpers/remote-user";
import { percentile } from "./stats";

const PORT = Number(process.env.BENCH_PORT ?? 3230);
const BASE = `http://127.0.0.1:${PORT}`;
const N = Number(process.env.BENCH_N ?? 600);
const WARMUP = 150;

const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(10);

/** Server-Timing entries of the router's answers, collected to show where the time goes. */
const timings = new Map<string, number[]>();

async function timed(fn: () => Promise<Response>, collect = false): Promise<number> {
  const t = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  const total = performance.now() - t;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  if (collect) {
    for (const m of (res.headers.get("server-timing") ?? "").matchAll(
      /(\w+)(?:;desc="[^"]*")?;dur=([\d.]+)/g,
    )) {
      const list = timings.get(m[1]!) ?? [];
      list.push(Number(m[2]));
      timings.set(m[1]!, list);
    }
  }
  return total;
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

async function main() {
  const fast = await startFakeProvider({ apiKey: "sk-fake" });
  const slow = await startFakeProvider({ apiKey: "sk-fake", latencyMs: 10 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "aios-bench-"));
  const server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
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
    },
  );
  try {
    await waitFor(`${BASE}/api/monitoring/health`, 60_000);
    const { key } = await remoteApiKey(BASE);
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const body = (content: string, extra: object = {}) =>
      JSON.stringify({ model: "auto", messages: [{ role: "user", content }], ...extra });
    const direct = (i: number) =>
      timed(() =>
        fetch(`${fast.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: "Bearer sk-fake", "content-type": "application/json" },
          body: JSON.stringify({
            model: "gpt-4o-mini",
            messages: [{ role: "user", content: `hello number ${i}` }],
          }),
        }),
      );
    const routed = (i: number) =>
      timed(
        () =>
          fetch(`${BASE}/api/v1/chat/completions`, {
            method: "POST",
            headers: auth,
            body: body(`hello number ${i}`, { cache: "bypass" }),
          }),
        i >= 0,
      );
    const floor = () => timed(() => fetch(`${BASE}/api/v1/models`, { headers: auth }));
    const miss = (i: number) =>
      timed(() =>
        fetch(`${BASE}/api/v1/chat/completions`, {
          method: "POST",
          headers: auth,
          body: body(`cache me ${i}`, { model: "slow-10ms" }),
        }),
      );
    const hit = () =>
      timed(() =>
        fetch(`${BASE}/api/v1/chat/completions`, {
          method: "POST",
          headers: auth,
          body: body("cache me warm", { model: "slow-10ms" }),
        }),
      );

    for (let i = 0; i < WARMUP; i++) await Promise.all([direct(-i), routed(-i), floor(), hit()]);
    const d: number[] = [],
      r: number[] = [],
      f: number[] = [],
      added: number[] = [],
      m: number[] = [],
      h: number[] = [];
    for (let i = 0; i < N; i++) {
      const a = await direct(i);
      const b = await routed(i);
      d.push(a);
      r.push(b);
      added.push(b - a);
      f.push(await floor());
      m.push(await miss(i));
      h.push(await hit());
    }
    const row = (name: string, xs: number[]) =>
      console.log(
        `${name.padEnd(34)}${ms(percentile(xs, 50))}${ms(percentile(xs, 95))}${ms(percentile(xs, 99))}`,
      );
    console.log(
      `\nbench:router — ${N} interleaved requests each, fake provider on localhost, ${os.cpus().length} cores\n`,
    );
    console.log(`${"".padEnd(34)}${"p50".padStart(10)}${"p95".padStart(10)}${"p99".padStart(10)}`);
    row("direct → fake provider", d);
    row("router → same provider (no cache)", r);
    row("added by the router (pairwise)", added);
    row("HTTP+auth+rate limit floor", f);
    row("cache miss (10 ms provider)", m);
    row("cache hit", h);
    console.log(
      `\nadded p50 ${percentile(added, 50).toFixed(2)} ms (target ≤ 1), p99 ${percentile(added, 99).toFixed(2)} ms (target ≤ 3)`,
    );
    console.log(
      `\nwhere the router request's time goes (Server-Timing p50, ms): ${[...timings].map(([k, v]) => `${k} ${percentile(v, 50).toFixed(2)}`).join(" · ")}`,
    );
    const inside = ["auth", "app"].reduce((n, k) => n + percentile(timings.get(k) ?? [0], 50), 0);
    console.log(
      `inside the handler ≈ ${inside.toFixed(2)} ms of ${percentile(r, 50).toFixed(2)} ms; the rest (≈ ${(percentile(r, 50) - inside).toFixed(2)} ms) is Next.js request handling, proxy.ts and the loopback HTTP hop`,
    );
    console.log(
      `cache hit vs miss: ${(percentile(m, 50) / percentile(h, 50)).toFixed(1)}× faster at p50 (target ≥ 5×)`,
    );
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    await Promise.all([fast.close(), slow.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
