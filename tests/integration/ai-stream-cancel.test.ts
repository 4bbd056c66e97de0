import { beforeAll, describe, expect } from "vitest";
import type { Db } from "@/db/client";
import type { AiRouter } from "@/lib/ai/runtime";
import { AppError } from "@/lib/errors";
import { userCtx } from "../helpers/db";
import { startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { ask, drain, fresh, rows } from "../helpers/router-calls";

const provider = useFakeProvider();
let fake: FakeProvider;
let router: AiRouter;
beforeAll(() => {
  fake = provider();
});

/** This file's ledger rows for a request, from the router its running test installed. */
const ledgerRows = (db: Db, requestId: string) => rows(router, db, requestId);

describe("router: streams that end early, cancellation and provider refusals", () => {
  routerTest(
    "a stream closed before its first event was read still settles: the next identical request calls the provider itself, cancelled row with the estimated cost",
    async ({ db, install }) => {
      router = await install(fake);
      const ctx = fresh(await userCtx(db));
      fake.calls.length = 0;
      const handle = await router.stream(ctx, ask("closed before reading anything at all"));
      await handle.events[Symbol.asyncIterator]().return?.(undefined);
      const [row] = await ledgerRows(db, ctx.requestId);
      expect(row).toMatchObject({ status: "error", errorClass: "cancelled", stream: true });
      expect(row!.costUsd).toBeGreaterThan(0);
      // Not stuck behind a dead leader (it would wait forever) nor served its half answer:
      // a fresh provider call, and a miss, since nothing was cached.
      const again = await drain(
        await router.stream(fresh(ctx), ask("closed before reading anything at all")),
      );
      expect(again.text).toBe("echo: closed before reading anything at all");
      expect(again.events.at(-1)).toMatchObject({
        type: "done",
        result: { decision: { cache: "miss" } },
      });
      expect(fake.calls).toHaveLength(2);
    },
  );

  routerTest(
    "the OpenAI chunk stream cancels the router stream when the client leaves after the first frame",
    async ({ db, install }) => {
      router = await install(fake);
      const ctx = fresh(await userCtx(db));
      const { chunkFrames } = await import("@/lib/http/openai-compat");
      const frames = chunkFrames(await router.stream(ctx, ask("leave after the role chunk")), {
        id: "x",
        includeUsage: false,
        created: 0,
      });
      fake.calls.length = 0;
      await frames.next();
      await frames.return(undefined);
      expect((await ledgerRows(db, ctx.requestId))[0]).toMatchObject({ errorClass: "cancelled" });
      // The abandoned stream released its place: an identical request is answered, not parked.
      const again = await router.complete(fresh(ctx), ask("leave after the role chunk"));
      expect(again).toMatchObject({ text: "echo: leave after the role chunk" });
      expect(again.decision.cache).toBe("miss");
      expect(fake.calls).toHaveLength(1);
    },
  );

  routerTest(
    "when the leader's client leaves, a coalesced follower takes over instead of failing",
    async ({ db, install }) => {
      const slow = await startFakeProvider({ apiKey: "sk-test", latencyMs: 200 });
      router = await install(slow);
      const ctx = await userCtx(db);
      const leaderAbort = new AbortController();
      const leader = router
        .complete(fresh(ctx), ask("leader leaves", { signal: leaderAbort.signal }))
        .catch((e: unknown) => e);
      // The leader's call is at the provider (not just queued for a connection) before it leaves.
      while (slow.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
      const follower = router.complete(fresh(ctx), ask("leader leaves"));
      leaderAbort.abort();
      expect(await leader).toBeInstanceOf(AppError);
      const r = await follower;
      expect(r.text).toBe("echo: leader leaves");
      expect(r.decision.cache).toBe("miss"); // it called the provider itself
      expect(slow.calls).toHaveLength(2);
      await slow.close();
    },
  );

  routerTest(
    "a rejected key (401) or unknown model (404) moves straight to the next candidate",
    async ({ db, install }) => {
      router = await install(fake);
      for (const [status, errorClass] of [
        [401, "auth_error"],
        [404, "model_not_found"],
      ] as const) {
        fake.calls.length = 0;
        fake.queueFaults({ kind: "status", status });
        const r = await router.complete(fresh(await userCtx(db)), ask(`fallback after ${status}`));
        expect(r.decision.fallbacksTried).toEqual([{ model: "gpt-4o-mini", errorClass }]);
        expect(fake.calls).toHaveLength(2); // no retry of the same model
      }
    },
  );

  routerTest(
    "an OpenAI endpoint that cannot be reached is a network fault: retried, then the next provider",
    async ({ db, install }) => {
      // Port 9 (discard) refuses on loopback; Anthropic (the fake) is still configured.
      router = await install(fake, { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
      const r = await router.complete(fresh(await userCtx(db)), ask("reach someone"));
      expect(r.decision.fallbacksTried).toEqual([{ model: "gpt-4o-mini", errorClass: "network" }]);
      expect(r.decision.provider).toBe("anthropic");
      expect(r.text).toBe("echo: reach someone");
    },
  );

  routerTest("an empty streamed answer is a success, not a cut stream", async ({ db, install }) => {
    const silent = await startFakeProvider({ apiKey: "sk-test", respond: () => "" });
    try {
      router = await install(silent);
      const ctx = fresh(await userCtx(db));
      const { text, events } = await drain(await router.stream(ctx, ask("say nothing")));
      expect(text).toBe("");
      expect(events.at(-1)?.type).toBe("done");
      expect((await ledgerRows(db, ctx.requestId))[0]).toMatchObject({ status: "ok" });
    } finally {
      await silent.close();
    }
  });
});
