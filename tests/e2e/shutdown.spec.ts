import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openPglite } from "@/db/client";
import { startFakeProvider, lastUserText, type FakeProvider } from "../helpers/fake-provider";
import { remoteApiKey } from "../helpers/remote-user";
import { startNext, waitForHttp, type NextProcess } from "./helpers/next-server";

// SIGTERM while the gateway is busy: every answer already asked for is given (or, for a stream
// still open at the drain deadline, ended with an explicit error event), no new connection is
// taken, the process exits 0, and every request is on the cost ledger once it has.

/** The exact frame a stream still open at the deadline ends with (lib/server/gateway.ts). */
const SHUTDOWN_FRAME =
  'data: {"error":{"message":"The server is restarting; this answer was cut off. Send the request again.","type":"api_error","param":null,"code":"shutting_down"}}';
const words = (prefix: string, n: number) =>
  `${prefix} ${Array.from({ length: n }, (_, i) => `w${i}`).join(" ")}`;

let fake: FakeProvider;
/** The provider holds every call until the test has sent SIGTERM: all are in flight then. */
let release: () => void = () => {};
let held = Promise.resolve();
const holdCalls = () => (held = new Promise<void>((r) => (release = r)));

test.beforeAll(async () => {
  // Once released, calls answer after 300 ms; streams then send a chunk every 100 ms, except
  // the "stall" ones, whose provider is silent 800 ms between chunks (so at the deadline they
  // wait on the provider, not on the client).
  fake = await startFakeProvider({
    apiKey: "sk-fake",
    hold: () => held,
    latencyMs: 300,
    chunkDelayMs: 100,
    faultFor: (body) =>
      lastUserText(body).startsWith("stall") ? { kind: "slow", delayMs: 800 } : undefined,
  });
});

test.afterAll(async () => {
  release();
  await fake?.close();
});

interface Started {
  server: NextProcess;
  base: string;
  key: string;
  dataDir: string;
  port: number;
}

async function start(port: number, drainSeconds: number): Promise<Started> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "aios-e2e-shutdown-"));
  const server = startNext(port, {
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    OPENAI_API_KEY: "sk-fake",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    SHUTDOWN_DRAIN_SECONDS: String(drainSeconds),
    RATE_LIMIT_AUTH_PER_MINUTE: "1000",
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    expect((await waitForHttp(server, `${base}/api/monitoring/health`, 90_000)).status).toBe(200);
    const { key } = await remoteApiKey(base);
    return { server, base, key, dataDir, port };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

const post = (s: Started, text: string, stream: boolean) =>
  fetch(`${s.base}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${s.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "auto", stream, messages: [{ role: "user", content: text }] }),
  });

interface Answer {
  text: string;
  status: number;
  /** The completion text (JSON answers) or the deltas joined (streams). */
  content: string;
  /** SSE frames, without their blank-line separators. */
  frames: string[];
}

async function ask(s: Started, text: string, stream: boolean, done: () => void): Promise<Answer> {
  const res = await post(s, text, stream);
  const body = await res.text(); // rejects ("terminated") if the connection is cut mid-body
  done();
  if (!stream) {
    const json = JSON.parse(body);
    return { text, status: res.status, content: json.choices[0].message.content, frames: [] };
  }
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const frames = body.split("\n\n").filter(Boolean);
  const content = frames
    .filter((f) => f.startsWith("data: {") && f !== SHUTDOWN_FRAME)
    .map((f) => JSON.parse(f.slice(6)).choices[0]?.delta?.content ?? "")
    .join("");
  return { text, status: res.status, content, frames };
}

const STOP_CHUNK = expect.objectContaining({
  object: "chat.completion.chunk",
  choices: [expect.objectContaining({ delta: {}, finish_reason: "stop" })],
});

/** A stream that finished: its final chunk, then [DONE], and the whole answer. */
function expectFinished(a: Answer) {
  expect(a.status).toBe(200);
  expect(a.frames.at(-1)).toBe("data: [DONE]");
  expect(JSON.parse(a.frames.at(-2)!.slice(6))).toEqual(STOP_CHUNK);
  expect(a.content).toBe(`echo: ${a.text}`);
}

/** A stream ended by the deadline: part of the answer, then the shutdown error, nothing else. */
function expectCutWithErrorFrame(a: Answer) {
  expect(a.status).toBe(200);
  expect(a.frames.at(-1)).toBe(SHUTDOWN_FRAME);
  expect(a.frames.filter((f) => f === SHUTDOWN_FRAME || f === "data: [DONE]")).toEqual([
    SHUTDOWN_FRAME,
  ]);
  expect(`echo: ${a.text}`.startsWith(a.content)).toBe(true);
  expect(a.content.length).toBeLessThan(`echo: ${a.text}`.length);
}

/** The fields of the server's log line with this message. */
function logLine(output: string, msg: string): Record<string, unknown> {
  const line = output.split("\n").find((l) => l.includes(`"msg":"${msg}"`));
  expect(line, output).toBeDefined();
  return JSON.parse(line!);
}
const drainedLog = (output: string) => logLine(output, "drained; running shutdown hooks");
const shuttingDownLog = (output: string) =>
  logLine(output, "shutting down: draining in-flight requests");

async function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve("connected")));
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)));
  });
}

async function untilCalls(n: number) {
  const deadline = Date.now() + 30_000;
  while (fake.calls.length < n && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  expect(fake.calls.length).toBe(n);
}

async function ledgerRows(dataDir: string) {
  const db = await openPglite({ dataDir: path.join(dataDir, "pg") });
  try {
    const { rows } = await db.client.query(
      `select stream, status, error_class, count(*)::int as n from ai_requests
       group by 1, 2, 3 order by 1, 2, 3`,
    );
    return rows;
  } finally {
    await db.close();
  }
}

test("SIGTERM under load: 200 answers and 10 short streams complete, 10 streams still open at the deadline end with the shutting_down event, every request is on the ledger", async () => {
  test.setTimeout(120_000);
  const s = await start(3244, 4);
  try {
    fake.calls.splice(0);
    holdCalls();
    let answered = 0;
    const done = () => void answered++;
    // Streams first, then the answers: all are held at the provider (the server does not cap its
    // provider connections, so no call waits inside it for one).
    const short = Array.from({ length: 10 }, (_, i) => ask(s, words(`short ${i}`, 3), true, done));
    const flowing = Array.from({ length: 5 }, (_, i) => ask(s, words(`long ${i}`, 80), true, done));
    const stalled = Array.from({ length: 5 }, (_, i) =>
      ask(s, words(`stall ${i}`, 30), true, done),
    );
    const plain = Array.from({ length: 200 }, (_, i) => ask(s, `plain ${i}`, false, done));
    const all = Promise.all([...short, ...flowing, ...stalled, ...plain]);
    all.catch(() => {}); // awaited below; a rejection must not go unhandled meanwhile

    // All 220 calls are at the provider (the SIGTERM log line below counts them in flight);
    // none is answered.
    await untilCalls(220);
    expect((await fetch(`${s.base}/api/monitoring/health`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.length).toBe(220);
    expect(answered).toBe(0);
    const sigterm = performance.now();
    process.kill(-s.server.child.pid!, "SIGTERM");

    // The listening socket is closed at once: a new connection is refused...
    await expect.poll(() => s.server.output()).toContain("shutting down: draining in-flight");
    expect(await connectError(s.port)).toBe("ECONNREFUSED");
    // ...while everything already asked for is answered.
    release();
    const answers = await all;
    const code = await s.server.exited;
    const exitMs = Math.round(performance.now() - sigterm);
    console.log(
      `exit ${exitMs} ms after SIGTERM; ${JSON.stringify(drainedLog(s.server.output()))}`,
    );

    expect(shuttingDownLog(s.server.output())).toMatchObject({ inFlight: 220, drainMs: 4000 });
    answers.slice(0, 10).forEach(expectFinished);
    answers.slice(10, 20).forEach(expectCutWithErrorFrame);
    for (const a of answers.slice(20)) {
      expect(a.status).toBe(200);
      expect(a.content).toBe(`echo: ${a.text}`);
    }
    expect(code).toBe(0);
    // The drain waited out its deadline for the open streams, then ended them promptly.
    expect(exitMs).toBeGreaterThanOrEqual(4_000);
    expect(exitMs).toBeLessThan(7_000);
    expect(drainedLog(s.server.output())).toMatchObject({ terminated: 10, left: 0 });

    expect(await ledgerRows(s.dataDir)).toEqual([
      { stream: false, status: "ok", error_class: null, n: 200 },
      { stream: true, status: "error", error_class: "cancelled", n: 10 },
      { stream: true, status: "ok", error_class: null, n: 10 },
    ]);
  } finally {
    release();
    await s.server.stop(); // only if an assertion failed before it exited
  }
});

test("SIGTERM with time enough: every answer and stream completes and the server exits without waiting out the deadline", async () => {
  test.setTimeout(120_000);
  const s = await start(3245, 20);
  try {
    fake.calls.splice(0);
    holdCalls();
    let answered = 0;
    const done = () => void answered++;
    const plain = Array.from({ length: 50 }, (_, i) => ask(s, `plain ${i}`, false, done));
    const streams = Array.from({ length: 10 }, (_, i) =>
      ask(s, words(`short ${i}`, 3), true, done),
    );
    const all = Promise.all([...plain, ...streams]);
    all.catch(() => {});

    await untilCalls(60);
    expect(answered).toBe(0);
    const sigterm = performance.now();
    process.kill(-s.server.child.pid!, "SIGTERM");
    release();
    const answers = await all;
    const code = await s.server.exited;
    const exitMs = Math.round(performance.now() - sigterm);
    console.log(
      `exit ${exitMs} ms after SIGTERM; ${JSON.stringify(drainedLog(s.server.output()))}`,
    );

    for (const a of answers.slice(0, 50)) {
      expect(a.status).toBe(200);
      expect(a.content).toBe(`echo: ${a.text}`);
    }
    answers.slice(50).forEach(expectFinished);
    expect(shuttingDownLog(s.server.output())).toMatchObject({ inFlight: 60, drainMs: 20_000 });
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(6_000); // the deadline is 20 s
    expect(drainedLog(s.server.output())).toMatchObject({ ended: 60, terminated: 0, left: 0 });
    expect(await ledgerRows(s.dataDir)).toEqual([
      { stream: false, status: "ok", error_class: null, n: 50 },
      { stream: true, status: "ok", error_class: null, n: 10 },
    ]);
  } finally {
    release();
    await s.server.stop(); // only if an assertion failed before it exited
  }
});
