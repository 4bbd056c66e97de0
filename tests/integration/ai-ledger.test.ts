import { afterAll, beforeAll, describe, expect } from "vitest";
import { aiBudgets, aiRequests } from "@/db/schema";
import type { AiRouter } from "@/lib/ai/runtime";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/db/client";
import { userCtx } from "../helpers/db";
import { startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { ask, drain, fresh, rows } from "../helpers/router-calls";

const provider = useFakeProvider();
let fake: FakeProvider;
let slow: FakeProvider;
beforeAll(async () => {
  fake = provider();
  slow = await startFakeProvider({ apiKey: "sk-test", latencyMs: 150 });
});
afterAll(() => slow.close());

type Setup = { router: AiRouter; ctx: Ctx; db: Db };
const settled = (p: Promise<unknown>) => p.catch(() => undefined);

/**
 * Every way a routed request can end, and the one ledger row it must leave (`rows` fails on
 * zero or two). `run` makes the request whose row is checked, under `ctx`'s request id.
 */
const cases: [string, (s: Setup) => Promise<unknown>, Record<string, unknown>][] = [
  ["answered", ({ router, ctx }) => router.complete(ctx, ask("one row")), { status: "ok" }],
  [
    "answered as a stream",
    async ({ router, ctx }) => drain(await router.stream(ctx, ask("one streamed row"))),
    { status: "ok", stream: true },
  ],
  [
    "a cache hit",
    async ({ router, ctx }) => {
      await router.complete(fresh(ctx), ask("asked twice"));
      return router.complete(ctx, ask("asked twice"));
    },
    { status: "ok", cached: true, costUsd: 0 },
  ],
  [
    "over a budget that rejects",
    async ({ router, ctx, db }) => {
      const userId = (ctx.actor as { userId: string }).userId;
      await db
        .insert(aiBudgets)
        .values({ scope: "user", subjectId: userId, period: "day", limitUsd: 0 });
      router.budgets.invalidate();
      return settled(router.complete(ctx, ask("over budget")));
    },
    { status: "error", errorClass: "budget_exceeded" },
  ],
  [
    "no model can serve it",
    ({ router, ctx }) => settled(router.complete(ctx, ask("x", { model: "no-such-model" }))),
    { status: "error", errorClass: "no_route" },
  ],
  [
    "every provider failing",
    ({ router, ctx }) => {
      fake.queueFaults(
        ...Array.from({ length: 8 }, () => ({ kind: "status" as const, status: 500 })),
      );
      return settled(router.complete(ctx, ask("doomed"))).finally(() => fake.clearFaults());
    },
    { status: "error", errorClass: "server_error" },
  ],
  [
    "a stream cut after its first token",
    async ({ router, ctx }) => {
      fake.queueFaults({ kind: "cut", afterChunks: 2 });
      return drain(await router.stream(ctx, ask("a long answer that breaks off midway")));
    },
    { status: "error", stream: true },
  ],
  [
    "a stream closed before it was read",
    async ({ router, ctx }) => {
      const handle = await router.stream(ctx, ask("never read"));
      return handle.events[Symbol.asyncIterator]().return?.(undefined);
    },
    { status: "error", errorClass: "cancelled" },
  ],
  [
    "the budgets cannot be read",
    ({ router, ctx }) => {
      router.deps.budgets = {
        prepare: async () => {
          throw new Error("database gone");
        },
      };
      return settled(router.complete(ctx, ask("budgets unreadable")));
    },
    { status: "error", errorClass: "internal" },
  ],
  [
    "the catalogue cannot be read",
    ({ router, ctx }) => {
      router.deps.models = async () => {
        throw new Error("database gone");
      };
      return settled(router.complete(ctx, ask("catalogue unreadable")));
    },
    { status: "error", errorClass: "internal" },
  ],
];

describe("the cost ledger: exactly one row for every outcome", () => {
  for (const [name, run, expected] of cases) {
    routerTest(name, async ({ db, install }) => {
      const router = await install(fake, { AI_RETRIES: "0" });
      const ctx = fresh(await userCtx(db));
      await run({ router, ctx, db });
      const [row] = await rows(router, db, ctx.requestId);
      expect(row).toMatchObject({ source: "api", ...expected });
    });
  }

  routerTest("a request coalesced onto an identical one in flight", async ({ db, install }) => {
    const router = await install(slow);
    const ctx = await userCtx(db);
    const leader = fresh(ctx);
    const follower = fresh(ctx);
    const first = router.complete(leader, ask("asked at once"));
    await new Promise((r) => setTimeout(r, 50));
    const second = await router.complete(follower, ask("asked at once"));
    await first;
    expect(second.decision.cache).toBe("coalesced");
    expect((await rows(router, db, leader.requestId))[0]).toMatchObject({ cached: false });
    expect((await rows(router, db, follower.requestId))[0]).toMatchObject({
      status: "ok",
      cached: true,
      costUsd: 0,
    });
    expect(await db.$count(aiRequests)).toBe(2);
  });
});
