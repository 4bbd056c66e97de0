import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { remoteKey, remoteUser } from "../helpers/remote-user";
import { startNext, waitForHttp, type NextProcess } from "./helpers/next-server";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./helpers/pg-database";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy";

// The built server on PostgreSQL through a proxy the test partitions (no RST: packets dropped).
// While the database is away: the key-authenticated gateway keeps answering (fresh answers and
// cache hits), what needs the database is a 503 with Retry-After within a second, health says
// so; within 5 s of its return everything works again and every answer given is on the ledger.
const BASE = "http://127.0.0.1:3252";
const PROXY_PORT = 3253;

test.describe.configure({ mode: "serial" });

let db: ThrowawayDatabase;
let fake: FakeProvider;
let proxy: TcpProxy;
let server: NextProcess;
let key: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createThrowawayDatabase("aios_e2e_outage");
  fake = await startFakeProvider({ apiKey: "sk-fake" });
  proxy = await startTcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5432 });
  const viaProxy = new URL(db.url);
  viaProxy.port = String(PROXY_PORT);
  server = startNext(3252, {
    DATABASE_URL: viaProxy.toString(),
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "aios-e2e-outage-")),
    LOG_LEVEL: "warn",
    OPENAI_API_KEY: "sk-fake",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    RATE_LIMIT_AUTHENTICATED_PER_MINUTE: "100000",
  });
  expect((await waitForHttp(server, `${BASE}/api/monitoring/health`, 90_000)).status).toBe(200);
  const user = await remoteUser(BASE);
  key = (await remoteKey(BASE, user.session)).key;
});

test.afterAll(async () => {
  proxy?.heal();
  await server?.stop();
  await Promise.all([fake?.close(), proxy?.close()]);
  await db?.drop();
});

const bearer = () => ({ authorization: `Bearer ${key}` });
const chat = (text: string) =>
  fetch(`${BASE}/api/v1/chat/completions`, {
    method: "POST",
    headers: { ...bearer(), "content-type": "application/json" },
    body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: text }] }),
  });
const projects = () => fetch(`${BASE}/api/projects`, { headers: bearer() });

async function timed(fn: () => Promise<Response>): Promise<{ res: Response; ms: number }> {
  const started = performance.now();
  const res = await fn();
  return { res, ms: performance.now() - started };
}

test("a partitioned database: the gateway answers, the rest is a fast 503, all is back within 5 s", async () => {
  test.setTimeout(120_000);
  expect((await chat("cached before the outage")).status).toBe(200);
  expect((await projects()).status).toBe(200);
  const rows = async () => (await db.sql`select count(*)::int as n from ai_requests`)[0]!.n;
  // The ledger writes in batches: the answer above is on it before the outage begins.
  await expect.poll(rows, { timeout: 10_000 }).toBe(1);

  proxy.partition();
  const started = Date.now();
  // 20 clients at once on what needs the database: each a 503 within a second.
  const during = await Promise.all(Array.from({ length: 20 }, () => timed(projects)));
  for (const { res, ms } of during) {
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({
      error: {
        code: "unavailable",
        message: "The service is temporarily unavailable. Try again shortly.",
      },
    });
    expect(ms).toBeLessThan(1_500);
  }
  // Known to be away now: at once.
  const again = await timed(projects);
  expect(again.res.status).toBe(503);
  expect(again.ms).toBeLessThan(250);

  // The gateway: a cache hit and a fresh answer, the key checked from memory.
  const hit = await chat("cached before the outage");
  expect(hit.status).toBe(200);
  expect(hit.headers.get("x-cache")).toBe("HIT");
  const fresh = await chat("asked during the outage");
  expect(fresh.status).toBe(200);
  expect((await fresh.json()).choices[0].message.content).toBe("echo: asked during the outage");
  expect((await fetch(`${BASE}/api/v1/models`, { headers: bearer() })).status).toBe(200);

  const health = await timed(() => fetch(`${BASE}/api/monitoring/health`));
  expect(health.res.status).toBe(503);
  expect(health.ms).toBeLessThan(1_500);
  expect(Date.now() - started).toBeLessThan(10_000);

  proxy.heal();
  const healed = Date.now();
  for (;;) {
    if ((await projects()).status === 200) break;
    expect(Date.now() - healed).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(Date.now() - healed).toBeLessThan(5_000);
  // The two answers given during the outage reach the ledger once it is back.
  // (A write that timed out in the partition but committed when it healed is not counted twice.)
  await expect.poll(rows, { timeout: 10_000 }).toBe(3);
  await new Promise((r) => setTimeout(r, 2_000));
  expect(await rows()).toBe(3);
});
