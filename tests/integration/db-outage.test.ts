import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openPostgres } from "@/db/client";
import { toHttpResponse } from "@/lib/http/errors";
import { startTcpProxy, type TcpProxy } from "../e2e/helpers/tcp-proxy";

// PostgreSQL behind a loopback TCP proxy the test can partition (bytes stop, no RST: a dropped
// network) or cut (the server is down). The shared server itself is never stopped. Every call
// must end within a second of the database going away, as a 503 with Retry-After, and the
// database must be used again within 5 s of its return. The real server is always here (CI
// starts it), whichever database the rest of the suite runs on.
const PROXY_PORT = 3261;
const URL_VIA_PROXY = `postgres://postgres@127.0.0.1:${PROXY_PORT}/postgres`;

let proxy: TcpProxy;
beforeAll(async () => {
  proxy = await startTcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5432 });
});
afterAll(() => proxy.close());

const open = (over: { statementTimeoutSeconds?: number } = {}) => {
  const states: string[] = [];
  const handle = openPostgres({
    url: URL_VIA_PROXY,
    poolMax: 4,
    idleTimeoutSeconds: 0,
    maxLifetimeSeconds: 0,
    connectTimeoutSeconds: 10,
    unreachableAfterMs: 1000,
    onReachability: (state) => states.push(state),
    ...over,
  });
  return { handle, states };
};

const one = async (db: ReturnType<typeof open>["handle"]["db"]) =>
  ((await db.execute(sql`select 1 as one`)) as unknown as { one: number }[])[0];

/** Runs `fn`, returning how long it took and what it rejected with (or resolved to). */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; err?: unknown; value?: T }> {
  const started = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - started, value };
  } catch (err) {
    return { ms: performance.now() - started, err };
  }
}

/** Polls `fn` every 50 ms until it resolves; how long that took. */
async function untilWorks(fn: () => Promise<unknown>, withinMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      await fn();
      return performance.now() - started;
    } catch (err) {
      if (performance.now() - started > withinMs) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The code of the error or of the driver error drizzle wraps in it. */
const codeOf = (err: unknown): string | undefined =>
  (err as { code?: string } | undefined)?.code ??
  (err as { cause?: { code?: string } } | undefined)?.cause?.code;

describe("PostgreSQL that goes away", () => {
  test("a partition: 20 concurrent calls end within 1 s as 503 with Retry-After, later ones at once; back within 5 s of healing", async () => {
    const { handle, states } = open();
    try {
      expect(await one(handle.db)).toEqual({ one: 1 });
      proxy.partition();
      const during = await Promise.all(
        Array.from({ length: 20 }, () => timed(() => one(handle.db))),
      );
      for (const r of during) {
        expect(codeOf(r.err)).toBe("DB_UNREACHABLE");
        expect(r.ms).toBeLessThan(1_200);
      }
      const res = toHttpResponse(during[0]!.err, "req-1");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({
        error: {
          code: "unavailable",
          message: "The service is temporarily unavailable. Try again shortly.",
        },
      });
      // Known to be away: a call (a transaction too) is refused without waiting.
      const later = await timed(() => one(handle.db));
      expect(codeOf(later.err)).toBe("DB_UNREACHABLE");
      expect(later.ms).toBeLessThan(50);
      const tx = await timed(() => handle.db.transaction(async (t) => one(t)));
      expect(codeOf(tx.err)).toBe("DB_UNREACHABLE");
      expect(handle.reachability?.()).toBe("down");

      proxy.heal();
      expect(await untilWorks(() => one(handle.db), 5_000)).toBeLessThan(5_000);
      expect(handle.reachability?.()).toBe("up");
      expect(await handle.db.transaction(async (t) => one(t))).toEqual({ one: 1 });
      expect(states).toEqual(["down", "up"]);
    } finally {
      proxy.heal();
      await handle.close();
    }
  });

  test("a transaction cut mid-way by a partition ends within 1 s; its connection is not reused", async () => {
    const { handle } = open();
    try {
      const tx = timed(() =>
        handle.db.transaction(async (t) => {
          await one(t);
          proxy.partition();
          return one(t);
        }),
      );
      const r = await tx;
      expect(codeOf(r.err)).toBe("DB_UNREACHABLE");
      expect(r.ms).toBeLessThan(1_200);
      proxy.heal();
      await untilWorks(() => one(handle.db), 5_000);
      // Four calls at once use every connection of the pool: none is stuck in the old session.
      const after = await Promise.all(Array.from({ length: 4 }, () => timed(() => one(handle.db))));
      for (const a of after) expect(a.value).toEqual({ one: 1 });
    } finally {
      proxy.heal();
      await handle.close();
    }
  });

  test("the server down (connections refused): calls fail at once, and work again within 5 s of its return", async () => {
    const { handle, states } = open();
    try {
      expect(await one(handle.db)).toEqual({ one: 1 });
      const outage = proxy.outage(1_500);
      const first = await timed(() => one(handle.db));
      expect(isUnavailable(first.err)).toBe(true);
      expect(first.ms).toBeLessThan(1_000);
      await new Promise((r) => setTimeout(r, 200)); // the check has answered by now
      const next = await timed(() => one(handle.db));
      expect(codeOf(next.err)).toBe("DB_UNREACHABLE");
      expect(next.ms).toBeLessThan(50);
      await outage;
      expect(await untilWorks(() => one(handle.db), 5_000)).toBeLessThan(5_000);
      expect(states).toEqual(["down", "up"]);
    } finally {
      await handle.close();
    }
  });

  test("a slow statement on a live database is not an outage; one past DB_STATEMENT_TIMEOUT is a 503", async () => {
    const { handle, states } = open({ statementTimeoutSeconds: 2 });
    try {
      // 1.2 s: longer than the reachability check's trigger (0.5 s), shorter than the timeout.
      const slow = await timed(() => handle.db.execute(sql`select pg_sleep(1.2)`));
      expect(slow.err).toBeUndefined();
      expect(states).toEqual([]);
      const tooSlow = await timed(() => handle.db.execute(sql`select pg_sleep(5)`));
      expect(codeOf(tooSlow.err)).toBe("57014");
      expect(tooSlow.ms).toBeLessThan(3_000);
      expect(toHttpResponse(tooSlow.err, "req-2").status).toBe(503);
      expect(states).toEqual([]);
      expect(await one(handle.db)).toEqual({ one: 1 });
    } finally {
      await handle.close();
    }
  });

  test("our own event loop stalled for 1.5 s (a long synchronous task, a GC pause) while calls wait is not an outage", async () => {
    const { handle, states } = open();
    try {
      expect(await one(handle.db)).toEqual({ one: 1 });
      for (let round = 0; round < 3; round++) {
        // Calls in flight, one of them a reachability check's trigger (0.5 s) already.
        const calls = [
          handle.db.execute(sql`select pg_sleep(0.6)`),
          ...Array.from({ length: 4 }, () => one(handle.db)),
        ];
        // The stall begins just after the calls' checks were triggered (timers of the same
        // length fire in order): no timer, no socket is served while it lasts.
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            const until = Date.now() + 1_500;
            while (Date.now() < until);
            resolve();
          }, 500),
        );
        const results = await Promise.allSettled(calls);
        expect(results.map((r) => r.status)).toEqual(Array(5).fill("fulfilled"));
      }
      expect(states).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});

function isUnavailable(err: unknown): boolean {
  return toHttpResponse(err, "r").status === 503;
}
