// bench:gateway's HTTP client: undici pools (keep-alive, 16 connections each), the same client
// for every target, timing a whole answer, or a stream to its first content chunk.
import { Pool } from "undici";

export const CONNECTIONS = 16;

export interface Answer {
  ms: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Something to send chat completions to: the fake provider, our gateway, the peer. */
export interface Target {
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

export const poolFor = (origin: string) =>
  new Pool(origin, { connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 60_000 });

/** A chat completion request body in OpenAI's format, with `extra` fields. */
export const openAiBody =
  (model: string, extra: object = {}) =>
  (content: string, stream: boolean) =>
    JSON.stringify({
      model,
      messages: [{ role: "user", content }],
      ...(stream ? { stream: true } : {}),
      ...extra,
    });

/** One non-streaming completion, timed from sending to the last byte. Throws unless 200. */
export async function post(t: Target, content: string): Promise<Answer> {
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

/** The delta text of an SSE `data:` line (undefined for [DONE] or a chunk without content). */
function deltaOf(line: string): string | undefined {
  if (!line.startsWith("data:") || line === "data: [DONE]") return undefined;
  try {
    const chunk = JSON.parse(line.slice(5)) as { choices?: { delta?: { content?: string } }[] };
    return chunk.choices?.[0]?.delta?.content ?? undefined;
  } catch {
    return undefined;
  }
}

/** A streamed completion: time to the first `data:` chunk with content, and to the end. */
export async function stream(t: Target, content: string): Promise<{ ttft: number; ms: number }> {
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
    if (ttft !== undefined) continue; // read to the end, only the first token is timed
    buffer += s;
    let nl: number;
    while (ttft === undefined && (nl = buffer.indexOf("\n")) !== -1) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (deltaOf(line)) ttft = performance.now() - started;
    }
  }
  const ms = performance.now() - started;
  t.onAnswer?.();
  if (ttft === undefined || !tail.includes("[DONE]"))
    throw new Error(`${t.name} (stream): no content or no [DONE]: …${tail}`);
  return { ttft, ms };
}

/** A GET, timed to the last byte. Throws unless 200. */
export async function get(t: Target, pathname: string, headers: Record<string, string>) {
  const started = performance.now();
  const res = await t.pool.request({ path: pathname, method: "GET", headers });
  const text = await res.body.text();
  const ms = performance.now() - started;
  t.onAnswer?.();
  if (res.statusCode !== 200)
    throw new Error(`${t.name} ${pathname}: HTTP ${res.statusCode} ${text}`);
  return ms;
}

export const header = (a: Answer, name: string) => {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(", ") : (v ?? "");
};

/** Server-Timing entries as { name: ms }. */
export function serverTiming(a: Answer): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of header(a, "server-timing").matchAll(/(\w+)(?:;desc="[^"]*")?;dur=([\d.]+)/g))
    out[m[1]!] = Number(m[2]);
  return out;
}

/**
 * CONNECTIONS requests at a time to `t` for `seconds`: how many, each one's ms, and the CPU ms
 * the answering process used meanwhile (`cpuOf` its pid; NaN without one). With tag "pump"
 * every 10th request streams (the memory readings are not only of JSON answers).
 */
export async function concurrent(
  t: Target,
  seconds: number,
  tag: string,
  cpuOf: (pid: number) => number,
) {
  const until = performance.now() + seconds * 1000;
  const ms: number[] = [];
  const started = performance.now();
  const cpuBefore = t.pid ? cpuOf(t.pid) : NaN;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, w) => {
      while (performance.now() < until) {
        const i = n++;
        if (tag === "pump" && i % 10 === 0) await stream(t, `${tag} ${w} ${i}`);
        else ms.push((await post(t, `${tag} ${w} ${i}`)).ms);
      }
    }),
  );
  const cpu = t.pid ? cpuOf(t.pid) - cpuBefore : NaN;
  return { n, seconds: (performance.now() - started) / 1000, ms, cpu };
}
