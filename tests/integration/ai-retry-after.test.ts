import { beforeAll, describe, expect } from "vitest";
import type { AiRouter } from "@/lib/ai/runtime";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { userCtx } from "../helpers/db";
import type { FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { ask, fresh } from "../helpers/router-calls";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

/** The router's real backoff (the tests' default is no wait at all). */
const REAL_WAITS = { router: { backoffMs: undefined } };
const asked = () => fake.calls.map((c) => c.body.model);
const busy = (seconds: number) =>
  ({ kind: "status", status: 429, retryAfterSeconds: seconds }) as const;
/** One answer from each client first: a cold start (database reads, the AI SDK's first call) is not timed. */
const warmUp = async (router: AiRouter, ctx: Ctx) => {
  await router.complete(fresh(ctx), ask("warm up"));
  await router.complete(fresh(ctx), ask("warm up", { model: "claude-3-5-haiku-latest" }));
};
const timed = async <T>(p: Promise<T>) => {
  const t0 = performance.now();
  const value = await p;
  return { value, ms: performance.now() - t0 };
};

// A provider's Retry-After (issue 14, point 6): with a healthy fallback the router moves on at
// once and remembers the hint, so the next requests do not knock on the same door; it waits
// (bounded) only when nothing else can answer.
describe("Retry-After from a provider", () => {
  routerTest(
    "429 Retry-After: 60 on the primary with a healthy fallback: the fallback answers at once, and the next request skips the primary without contacting it",
    async ({ db, install }) => {
      const router = await install(fake, { AI_RETRIES: "1" }, REAL_WAITS);
      const ctx = await userCtx(db);
      await warmUp(router, ctx);
      fake.calls.length = 0;
      fake.queueFaults(busy(60));
      const first = await timed(router.complete(fresh(ctx), ask("busy primary")));
      expect(first.value.decision).toMatchObject({
        model: "claude-3-5-haiku-latest",
        fallbacksTried: [{ model: "gpt-4o-mini", errorClass: "rate_limited" }],
      });
      expect(first.ms).toBeLessThan(1000);
      expect(asked()).toEqual(["gpt-4o-mini", "claude-3-5-haiku-latest"]);

      fake.calls.length = 0;
      const second = await timed(router.complete(fresh(ctx), ask("is it still busy")));
      expect(second.value.decision).toMatchObject({
        model: "claude-3-5-haiku-latest",
        fallbacksTried: [{ model: "gpt-4o-mini", errorClass: "retry_after" }],
      });
      expect(second.ms).toBeLessThan(1000);
      expect(asked()).toEqual(["claude-3-5-haiku-latest"]);

      // Streams skip it as well.
      fake.calls.length = 0;
      const stream = await router.stream(fresh(ctx), ask("and streamed"));
      expect(stream.decision.model).toBe("claude-3-5-haiku-latest");
      for await (const _ of stream.events);
      expect(asked()).toEqual(["claude-3-5-haiku-latest"]);
    },
  );

  routerTest(
    "the hint expires: after Retry-After: 1 the primary is asked again",
    async ({ db, install }) => {
      const router = await install(fake, { AI_RETRIES: "1" }, REAL_WAITS);
      const ctx = await userCtx(db);
      fake.queueFaults(busy(1));
      await router.complete(fresh(ctx), ask("hint of a second"));
      fake.calls.length = 0;
      expect((await router.complete(fresh(ctx), ask("too soon"))).decision.model).toBe(
        "claude-3-5-haiku-latest",
      );
      expect(asked()).toEqual(["claude-3-5-haiku-latest"]);
      await new Promise((r) => setTimeout(r, 1_100));
      fake.calls.length = 0;
      expect((await router.complete(fresh(ctx), ask("later"))).decision).toMatchObject({
        model: "gpt-4o-mini",
        fallbacksTried: [],
      });
      expect(asked()).toEqual(["gpt-4o-mini"]);
    },
  );

  routerTest(
    "nothing else can answer (explicit model, no fallback): it waits the hint out (bounded) and retries the same model",
    async ({ db, install }) => {
      const router = await install(fake, { AI_RETRIES: "1" }, REAL_WAITS);
      const ctx = await userCtx(db);
      fake.calls.length = 0;
      fake.queueFaults(busy(1));
      const r = await timed(router.complete(fresh(ctx), ask("only you", { model: "gpt-4o-mini" })));
      expect(r.value.decision).toMatchObject({ model: "gpt-4o-mini", fallbacksTried: [] });
      expect(r.ms).toBeGreaterThanOrEqual(950);
      expect(r.ms).toBeLessThan(2_500);
      expect(asked()).toEqual(["gpt-4o-mini", "gpt-4o-mini"]);
    },
  );

  routerTest(
    "a lone model whose hint outlasts the bounded wait is not contacted again: 503 with the remaining Retry-After",
    async ({ db, install }) => {
      const router = await install(fake, { AI_RETRIES: "1" }, REAL_WAITS);
      const ctx = await userCtx(db);
      await warmUp(router, ctx);
      const only = { model: "gpt-4o-mini" };
      fake.calls.length = 0;
      fake.queueFaults(busy(60));
      const first = await timed(
        router.complete(fresh(ctx), ask("come back in a minute", only)).catch((e: unknown) => e),
      );
      // No waiting 10 s for a retry the provider said is pointless for 60.
      expect(first.ms).toBeLessThan(1000);
      expect(first.value).toBeInstanceOf(AppError);
      expect(first.value).toMatchObject({
        status: 502,
        details: { attempts: [{ model: "gpt-4o-mini", errorClass: "rate_limited" }] },
        headers: { "retry-after": "60" },
      });
      expect(asked()).toEqual(["gpt-4o-mini"]);

      fake.calls.length = 0;
      const second = (await router
        .complete(fresh(ctx), ask("now?", only))
        .catch((e: unknown) => e)) as AppError;
      expect(second).toMatchObject({
        status: 503,
        details: { attempts: [{ model: "gpt-4o-mini", errorClass: "retry_after" }] },
      });
      expect(Number(second.headers?.["retry-after"])).toBeGreaterThan(55);
      expect(Number(second.headers?.["retry-after"])).toBeLessThanOrEqual(60);
      expect(asked()).toEqual([]);
    },
  );
});
