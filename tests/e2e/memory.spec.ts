import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { remoteUser } from "../helpers/remote-user";
import { startNext, waitForHttp, type NextProcess } from "./helpers/next-server";

// Issue 14, point 11: the server entry caps V8's heap (HEAP_LIMIT_MB, default 384) by starting
// the server again with --max-old-space-size and supervising it; the operator's own flag wins;
// the system endpoint shows RSS and the heap with its cap.
const PORT = 3257;
const BASE = `http://127.0.0.1:${PORT}`;

let server: NextProcess | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function start(env: Record<string, string> = {}) {
  server = startNext(PORT, {
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "aios-e2e-memory-")),
    RATE_LIMIT_AUTH_PER_MINUTE: "1000",
    ...env,
  });
  return server;
}

/** The system endpoint's memory report, as the first user (an admin) of a fresh instance. */
async function memory(s: NextProcess) {
  expect((await waitForHttp(s, `${BASE}/api/monitoring/health`, 90_000)).status).toBe(200);
  const admin = await remoteUser(BASE);
  expect(admin.role).toBe("admin");
  const res = await fetch(`${BASE}/api/monitoring/system`, { headers: { cookie: admin.session } });
  expect(res.status).toBe(200);
  return (await res.json()).memory as Record<string, number | null>;
}

/** V8's own heap limit on this machine (it depends on the memory it has), as the endpoint rounds it. */
function v8DefaultLimitMb(): number {
  // A clean environment: the test runner's NODE_OPTIONS (its loaders) stay out of it.
  const out = execFileSync(
    process.execPath,
    ["-p", "require('node:v8').getHeapStatistics().heap_size_limit"],
    { env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" }, encoding: "utf8" },
  );
  const bytes = Number(/(\d+)\s*$/.exec(out)?.[1]);
  expect(bytes, out).toBeGreaterThan(0);
  return Math.round((bytes / 1048576) * 10) / 10;
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });

test("by default the server runs with a 384 MB heap cap, shown by the system endpoint, and exits as the supervised server did", async () => {
  test.setTimeout(120_000);
  const s = start();
  const m = await memory(s);
  expect(m.heapCapMb).toBe(384);
  // V8's limit is the cap plus its young generation.
  expect(m.heapLimitMb).toBeGreaterThanOrEqual(384);
  expect(m.heapLimitMb).toBeLessThan(450);
  expect(m.rssMb).toBeGreaterThan(m.heapUsedMb!);
  process.kill(-s.child.pid!, "SIGTERM");
  expect(await s.exited).toBe(0);
  expect(s.output()).toContain("drained; running shutdown hooks");
});

test("HEAP_LIMIT_MB sets the cap, 0 leaves V8's default, and the operator's own --max-old-space-size wins", async () => {
  test.setTimeout(180_000);
  expect((await memory(start({ HEAP_LIMIT_MB: "256" }))).heapCapMb).toBe(256);
  await server!.stop();
  const none = await memory(start({ HEAP_LIMIT_MB: "0" }));
  expect(none.heapCapMb).toBeNull();
  expect(none.heapLimitMb).toBe(v8DefaultLimitMb()); // as a plain `node` on this machine
  await server!.stop();
  const own = await memory(
    start({ HEAP_LIMIT_MB: "384", NODE_OPTIONS: "--max-old-space-size=320" }),
  );
  expect(own.heapCapMb).toBe(320);
});

test("a HEAP_LIMIT_MB too small to run is refused at start, naming the variable", async () => {
  const s = start({ HEAP_LIMIT_MB: "64" });
  expect(await s.exited).toBe(1);
  expect(s.output()).toContain(
    "HEAP_LIMIT_MB must be 0 (V8's default) or a whole number of MB from 128 to 65536.",
  );
});

test("a supervisor killed outright does not leave the server running on the port", async () => {
  test.setTimeout(120_000);
  const s = start();
  expect((await waitForHttp(s, `${BASE}/api/monitoring/health`, 90_000)).status).toBe(200);
  process.kill(s.child.pid!, "SIGKILL");
  await expect.poll(() => refused(PORT), { timeout: 10_000 }).toBe(true);
});
