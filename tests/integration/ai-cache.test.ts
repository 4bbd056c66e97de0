import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect } from "vitest";
import type { StreamEvent } from "@/lib/ai/types";
import { AppError } from "@/lib/errors";
import { cacheCheck } from "@/lib/monitoring/health";
import { userCtx } from "../helpers/db";
import type { FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { ask, fresh, rows } from "../helpers/router-calls";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

const calls = () => fake.calls.length;

describe("response cache in the router", () => {
  routerTest(
    "a repeated deterministic question is a hit: no provider call, cost 0, $ saved counted, ledger says cached",
    async ({ db, install }) => {
      const router = await install(fake);
      const ctx = await userCtx(db);
      fake.calls.length = 0;
      const first = await router.complete(fresh(ctx), ask("What is the capital of France?"));
      expect(first.decision.cache).toBe("miss");
      const c2 = fresh(ctx);
      const second = await router.complete(c2, ask("What is the capital of France?"));
      expect(second.decision.cache).toBe("hit");
      expect(second.text).toBe(first.text);
      expect(second.costUsd).toBe(0);
      expect(calls()).toBe(1);
      const stats = ctx.cache.stats();
      expect(stats.byTaskType.chat).toMatchObject({ entries: 1, hits: 1, misses: 1, hitRate: 0.5 });
      expect(stats.savedUsd).toBeCloseTo(first.costUsd, 12);
      expect((await rows(router, db, c2.requestId))[0]).toMatchObject({
        cached: true,
        costUsd: 0,
        status: "ok",
        servedModel: first.decision.model,
      });
    },
  );

  routerTest(
    "the cache is scoped to the tenant: another user asking the same thing misses",
    async ({ db, install }) => {
      const router = await install(fake);
      const alice = await userCtx(db);
      const bob = await userCtx(db);
      fake.calls.length = 0;
      await router.complete(fresh(alice), ask("shared question"));
      const b = await router.complete(fresh(bob), ask("shared question"));
      expect(b.decision.cache).toBe("miss");
      expect(calls()).toBe(2);
    },
  );

  routerTest("a hit replays as a stream when a stream is asked", async ({ db, install }) => {
    const router = await install(fake);
    const ctx = await userCtx(db);
    const text =
      "Please summarize: the quick brown fox jumps over the lazy dog again and again and again.";
    await router.complete(fresh(ctx), ask(text));
    fake.calls.length = 0;
    const handle = await router.stream(fresh(ctx), ask(text));
    expect(handle.decision.cache).toBe("hit");
    const events: StreamEvent[] = [];
    for await (const e of handle.events) events.push(e);
    expect(events.filter((e) => e.type === "delta").length).toBeGreaterThan(1);
    expect(events.flatMap((e) => (e.type === "delta" ? [e.text] : [])).join("")).toBe(
      `echo: ${text}`,
    );
    expect(events.at(-1)).toMatchObject({ type: "done", result: { costUsd: 0 } });
    expect(calls()).toBe(0);
  });

  routerTest(
    "high temperature is not cached unless forced; creative is never cached; bypass and refresh do what they say",
    async ({ db, install }) => {
      const router = await install(fake);
      const ctx = await userCtx(db);
      fake.calls.length = 0;
      expect(
        (await router.complete(fresh(ctx), ask("hot", { temperature: 0.9 }))).decision.cache,
      ).toBe("off");
      expect(
        (await router.complete(fresh(ctx), ask("hot", { temperature: 0.9 }))).decision.cache,
      ).toBe("off");
      expect(calls()).toBe(2);
      await router.complete(fresh(ctx), ask("hot forced", { temperature: 0.9, cache: "force" }));
      expect(
        (await router.complete(fresh(ctx), ask("hot forced", { temperature: 0.9, cache: "force" })))
          .decision.cache,
      ).toBe("hit");
      expect(calls()).toBe(3);
      expect(
        (await router.complete(fresh(ctx), ask("Write a short poem about the sea"))).decision,
      ).toMatchObject({ taskType: "creative", cache: "off" });
      await router.complete(fresh(ctx), ask("cached once"));
      expect(
        (await router.complete(fresh(ctx), ask("cached once", { cache: "bypass" }))).decision.cache,
      ).toBe("bypass");
      const before = calls();
      expect(
        (await router.complete(fresh(ctx), ask("cached once", { cache: "refresh" }))).decision
          .cache,
      ).toBe("refresh");
      expect(calls()).toBe(before + 1);
      expect((await router.complete(fresh(ctx), ask("cached once"))).decision.cache).toBe("hit");
    },
  );

  routerTest(
    "entries expire after their task type's TTL and cleanup removes them",
    async ({ db, install }) => {
      const router = await install(fake, { CACHE_TTL: "chat=1" });
      const ctx = await userCtx(db);
      fake.calls.length = 0;
      await router.complete(fresh(ctx), ask("short lived"));
      expect((await router.complete(fresh(ctx), ask("short lived"))).decision.cache).toBe("hit");
      await new Promise((r) => setTimeout(r, 1100));
      expect((await router.complete(fresh(ctx), ask("short lived"))).decision.cache).toBe("miss");
      expect(calls()).toBe(2);
      expect(ctx.cache.cleanup(Date.now() + 2000)).toBe(1);
      expect(ctx.cache.stats().entries).toBe(0);
    },
  );

  routerTest(
    "errors are never cached: a failed request leaves nothing behind",
    async ({ db, install }) => {
      const router = await install(fake, { AI_RETRIES: "0" });
      const ctx = await userCtx(db);
      fake.queueFaults(
        ...Array.from({ length: 5 }, () => ({ kind: "status" as const, status: 500 })),
      );
      await expect(router.complete(fresh(ctx), ask("doomed"))).rejects.toBeInstanceOf(AppError);
      fake.clearFaults();
      expect(ctx.cache.stats().entries).toBe(0);
      expect((await router.complete(fresh(ctx), ask("doomed"))).decision.cache).toBe("miss");
    },
  );

  routerTest(
    "identical concurrent requests are coalesced into one provider call",
    async ({ db, install }) => {
      const router = await install(fake);
      const ctx = await userCtx(db);
      fake.calls.length = 0;
      fake.queueFaults({ kind: "slow", delayMs: 50 }); // non-streaming: the delay is before the answer
      const ctxs = Array.from({ length: 8 }, () => fresh(ctx));
      const results = await Promise.all(ctxs.map((c) => router.complete(c, ask("coalesce me"))));
      expect(calls()).toBe(1);
      // One ledger row each: the leader's with the cost, seven followers' as cached at no cost.
      const ledger = (await Promise.all(ctxs.map((c) => rows(router, db, c.requestId)))).flat();
      expect(ledger).toHaveLength(8);
      expect(ledger.filter((r) => r.cached && r.costUsd === 0 && r.status === "ok")).toHaveLength(
        7,
      );
      expect(new Set(results.map((r) => r.text))).toEqual(new Set(["echo: coalesce me"]));
      expect(results.filter((r) => r.decision.cache === "miss")).toHaveLength(1);
      expect(results.filter((r) => r.decision.cache === "coalesced")).toHaveLength(7);
      // Streaming followers of a streaming leader share it too.
      fake.calls.length = 0;
      // Each client reads its own stream, as separate HTTP requests would.
      const texts = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const h = await router.stream(fresh(ctx), ask("coalesce my stream"));
          let t = "";
          for await (const e of h.events) if (e.type === "delta") t += e.text;
          return t;
        }),
      );
      expect(calls()).toBe(1);
      expect(new Set(texts)).toEqual(new Set(["echo: coalesce my stream"]));
    },
  );

  routerTest(
    "a corrupt cache file never fails a request: it is renamed aside, a fresh cache serves the repeat, health shows the quarantine",
    async ({ db, install }) => {
      const dir = mkdtempSync(path.join(tmpdir(), "aios-bad-cache-"));
      const file = path.join(dir, "cache.sqlite");
      const garbage = "this is not a sqlite database at all, just garbage bytes ".repeat(200);
      writeFileSync(file, garbage);
      const router = await install(fake, {}, { cachePath: file });
      const ctx = await userCtx(db);
      fake.calls.length = 0;
      const a = await router.complete(fresh(ctx), ask("still works"));
      const b = await router.complete(fresh(ctx), ask("still works"));
      expect(a.text).toBe("echo: still works");
      expect([a.decision.cache, b.decision.cache]).toEqual(["miss", "hit"]);
      expect(calls()).toBe(1);
      expect(cacheCheck(ctx.cache)).toEqual({ status: "ok", quarantined: 1, corruptEntries: 0 });
      const aside = readdirSync(dir).filter((n) => n.startsWith("cache.sqlite.corrupt-"));
      expect(aside).toHaveLength(1);
      expect(readFileSync(path.join(dir, aside[0] ?? ""), "utf8")).toBe(garbage);
    },
  );
});

describe("ledger rows for refusals", () => {
  routerTest(
    "an unknown explicit model → 422 on the model field, and the refusal is on record",
    async ({ db, install }) => {
      const router = await install(fake);
      const c = fresh(await userCtx(db));
      const err = (await router
        .complete(c, ask("hi", { model: "gpt-9" }))
        .catch((e: unknown) => e)) as AppError;
      expect(err.code).toBe("validation");
      expect(err.details?.fields).toEqual([
        {
          field: "model",
          message: expect.stringContaining('"gpt-9" is not available'),
          code: "model_not_found",
        },
      ]);
      expect((await rows(router, db, c.requestId))[0]).toMatchObject({
        status: "error",
        errorClass: "no_route",
        requestedModel: "gpt-9",
      });
    },
  );

  routerTest(
    "with no provider configured the answer says which variables to set (503) and is on record",
    async ({ db, install }) => {
      const router = await install(fake, { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "" });
      const c = fresh(await userCtx(db));
      const err = (await router.complete(c, ask("hi")).catch((e: unknown) => e)) as AppError;
      expect(err.code).toBe("unavailable");
      expect(err.message).toMatch(/OPENAI_API_KEY.*ANTHROPIC_API_KEY/);
      expect((await rows(router, db, c.requestId))[0]).toMatchObject({
        status: "error",
        errorClass: "no_route",
      });
    },
  );
});
