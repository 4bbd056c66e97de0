import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startFakeProvider, lastUserText, type FakeProvider } from "../helpers/fake-provider";
import { remoteApiKey, remoteUser } from "../helpers/remote-user";
import { startNext, waitForHttp } from "./helpers/next-server";
import {
  ask,
  askTooLate,
  chatStream,
  connectError,
  drainedLog,
  expectCutWithErrorFrame,
  expectFinished,
  ledgerRows,
  shuttingDownLog,
  words,
  type Started,
} from "./helpers/shutdown";

// SIGTERM while the gateway is busy: every answer already asked for is given (or, for a stream
// still open at the drain deadline, ended with an explicit error event; for a call still waiting
// then, a 503 to retry), no new connection is taken, the process exits 0 after a clean drain and
// 1 after a forced one, and every request is on the cost ledger once it has.

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
    faultFor: (body) => {
      const text = lastUserText(body);
      if (text.startsWith("stall")) return { kind: "slow", delayMs: 800 };
      // Answers long after the drain deadline.
      if (text.startsWith("wait")) return { kind: "delay", delayMs: 20_000 };
      return undefined;
    },
  });
});

test.afterAll(async () => {
  release();
  await fake?.close();
});

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

async function untilCalls(n: number) {
  const deadline = Date.now() + 30_000;
  while (fake.calls.length < n && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  expect(fake.calls.length).toBe(n);
}

test("SIGTERM under load: 200 answers and 10 short streams complete; at the deadline 10 gateway streams and 2 chat streams end with the shutting_down event, 5 waiting calls answer 503, every request is on the ledger once, and the exit code says the drain was forced", async () => {
  test.setTimeout(120_000);
  const s = await start(3244, 4);
  try {
    const { session } = await remoteUser(s.base);
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
    const late = Promise.all(Array.from({ length: 5 }, (_, i) => askTooLate(s, `wait ${i}`)));
    const chats = Promise.all(
      [0, 1].map((i) => chatStream(s, session, words(`stall chat ${i}`, 30))),
    );
    late.catch(() => {});
    chats.catch(() => {});

    // All 227 calls are at the provider (the SIGTERM log line below counts them in flight);
    // none is answered.
    await untilCalls(227);
    expect((await fetch(`${s.base}/api/monitoring/health`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.length).toBe(227);
    expect(answered).toBe(0);
    const sigterm = performance.now();
    process.kill(-s.server.child.pid!, "SIGTERM");

    // The listening socket is closed at once: a new connection is refused...
    await expect.poll(() => s.server.output()).toContain("shutting down: draining in-flight");
    expect(await connectError(s.port)).toBe("ECONNREFUSED");
    // ...while everything already asked for is answered.
    release();
    const answers = await all;
    const [tooLate, chatEvents] = [await late, await chats];
    const code = await s.server.exited;
    const exitMs = Math.round(performance.now() - sigterm);
    console.log(
      `exit ${exitMs} ms after SIGTERM; ${JSON.stringify(drainedLog(s.server.output()))}`,
    );

    expect(shuttingDownLog(s.server.output())).toMatchObject({ inFlight: 227, drainMs: 4000 });
    answers.slice(0, 10).forEach(expectFinished);
    answers.slice(10, 20).forEach(expectCutWithErrorFrame);
    for (const a of answers.slice(20)) {
      expect(a.status).toBe(200);
      expect(a.content).toBe(`echo: ${a.text}`);
    }
    // The calls the provider had not answered by the deadline: a 503 the SDKs retry at once.
    for (const t of tooLate)
      expect(t).toEqual({
        status: 503,
        retryAfter: "1",
        body: {
          error: {
            message: "The server is restarting; this answer was cut off. Send the request again.",
            type: "api_error",
            param: null,
            code: "shutting_down",
          },
        },
      });
    // A chat stream (through Next.js) gets its error event too, as the chat page shows it.
    for (const events of chatEvents) {
      expect(events[0]!.event).toBe("meta");
      expect(events.at(-1)).toEqual({
        event: "error",
        data: {
          code: "shutting_down",
          message: "The server is restarting; this answer was cut off. Send the request again.",
          errorClass: "shutdown",
        },
      });
      expect(events.filter((e) => e.event === "delta").length).toBeGreaterThan(0);
    }
    expect(code).toBe(75); // forced: the deadline ended requests (EX_TEMPFAIL)
    // The drain waited out its deadline for the open streams, then ended them promptly.
    expect(exitMs).toBeGreaterThanOrEqual(4_000);
    expect(exitMs).toBeLessThan(7_000);
    expect(drainedLog(s.server.output())).toMatchObject({
      terminated: 10,
      cut: 0,
      left: 0,
      forced: true,
    });

    expect(await ledgerRows(s.dataDir)).toEqual([
      { stream: false, status: "error", error_class: "shutdown", n: 5 },
      { stream: false, status: "ok", error_class: null, n: 200 },
      { stream: true, status: "error", error_class: "shutdown", n: 12 },
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
    expect(drainedLog(s.server.output())).toMatchObject({
      ended: 60,
      terminated: 0,
      left: 0,
      forced: false,
    });
    expect(await ledgerRows(s.dataDir)).toEqual([
      { stream: false, status: "ok", error_class: null, n: 50 },
      { stream: true, status: "ok", error_class: null, n: 10 },
    ]);
  } finally {
    release();
    await s.server.stop(); // only if an assertion failed before it exited
  }
});
