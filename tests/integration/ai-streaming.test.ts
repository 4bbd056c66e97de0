import { beforeAll, describe, expect } from "vitest";
import type { Db } from "@/db/client";
import type { AiRouter } from "@/lib/ai/runtime";
import type { StreamHandle } from "@/lib/ai/types";
import { AppError } from "@/lib/errors";
import { userCtx } from "../helpers/db";
import type { FakeProvider } from "../helpers/fake-provider";
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

describe("router: streaming", () => {
  routerTest(
    "streams the answer token by token, measures TTFT and writes one ledger row",
    async ({ db, install }) => {
      router = await install(fake);
      const ctx = fresh(await userCtx(db));
      fake.calls.length = 0;
      const handle = await router.stream(ctx, ask("stream me please"));
      expect(handle.decision).toMatchObject({
        taskType: "chat",
        model: "gpt-4o-mini",
        cache: "miss",
      });
      const { text, events } = await drain(handle);
      expect(text).toBe("echo: stream me please");
      expect(events.filter((e) => e.type === "delta").length).toBeGreaterThan(1);
      const done = events.at(-1);
      expect(done?.type).toBe("done");
      if (done?.type !== "done") return;
      expect(done.result.usage).toEqual({ inputTokens: 3, outputTokens: 4 });
      expect(done.result.ttftMs).toBeGreaterThanOrEqual(0);
      expect(done.result.ttftMs!).toBeLessThanOrEqual(done.result.latencyMs);
      expect(fake.calls[0]?.body.stream).toBe(true);
      const [row] = await ledgerRows(db, ctx.requestId);
      expect(row).toMatchObject({
        stream: true,
        status: "ok",
        servedModel: "gpt-4o-mini",
        inputTokens: 3,
        outputTokens: 4,
        cached: false,
        userId: ctx.actor.kind === "user" ? ctx.actor.userId : "",
      });
      expect(row?.ttftMs).not.toBeNull();
    },
  );

  routerTest(
    "a failure before the first token falls back (500 → retry → next candidate), recorded in the decision",
    async ({ db, install }) => {
      router = await install(fake);
      const ctx = fresh(await userCtx(db));
      fake.calls.length = 0;
      fake.queueFaults({ kind: "status", status: 500 }, { kind: "status", status: 503 });
      const handle = await router.stream(ctx, ask("fallback stream"));
      expect(handle.decision.model).toBe("claude-3-5-haiku-latest");
      expect(handle.decision.fallbacksTried).toEqual([
        { model: "gpt-4o-mini", errorClass: "server_error" },
      ]);
      expect((await drain(handle)).text).toBe("echo: fallback stream");
      expect(fake.calls.map((c) => c.path)).toEqual([
        "/v1/chat/completions",
        "/v1/chat/completions",
        "/v1/messages",
      ]);
      const [row] = await ledgerRows(db, ctx.requestId);
      expect(row).toMatchObject({
        status: "ok",
        fallbackCount: 1,
        servedModel: "claude-3-5-haiku-latest",
        provider: "anthropic",
      });
    },
  );

  routerTest(
    "a provider that hangs before the first token times out and the next candidate answers",
    async ({ db, install }) => {
      router = await install(fake, { AI_TIMEOUT_MS: "300", AI_RETRIES: "0" });
      const ctx = fresh(await userCtx(db));
      fake.queueFaults({ kind: "hang" });
      const handle = await router.stream(ctx, ask("hang then fall back"));
      expect(handle.decision.fallbacksTried).toEqual([
        { model: "gpt-4o-mini", errorClass: "timeout" },
      ]);
      expect((await drain(handle)).text).toBe("echo: hang then fall back");
    },
  );

  routerTest(
    "a stream cut after the first token ends with an explicit error event, is never cached, and is ledgered as an error",
    async ({ db, install }) => {
      router = await install(fake);
      const ctx = fresh(await userCtx(db));
      fake.calls.length = 0;
      fake.queueFaults({ kind: "cut", afterChunks: 3 });
      const handle = await router.stream(ctx, ask("cut this stream off midway please"));
      const { text, events } = await drain(handle);
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toBe("echo: cut this stream off midway please");
      const last = events.at(-1);
      expect(last).toMatchObject({
        type: "error",
        code: "upstream",
        errorClass: expect.any(String),
      });
      expect(events.some((e) => e.type === "done")).toBe(false);
      const [row] = await ledgerRows(db, ctx.requestId);
      expect(row).toMatchObject({ status: "error", stream: true });
      expect(row?.errorClass).toBeTruthy();
      // Not cached: the same request goes to the provider again and completes.
      const again = await drain(
        await router.stream(fresh(ctx), ask("cut this stream off midway please")),
      );
      expect(again.text).toBe("echo: cut this stream off midway please");
      expect(fake.calls).toHaveLength(2);
      expect(ctx.cache.stats().entries).toBe(1);
    },
  );

  routerTest(
    "a provider that stalls mid-stream ends in an error event after the idle timeout, not a hang",
    async ({ db, install }) => {
      router = await install(fake, { AI_TIMEOUT_MS: "250" });
      const ctx = fresh(await userCtx(db));
      fake.queueFaults({ kind: "slow", delayMs: 400 });
      const started = Date.now();
      const handle = await router
        .stream(ctx, ask("slow words arrive here"))
        .catch((e: unknown) => e);
      // The first chunk itself is slower than the timeout, so this falls back before the first token.
      expect(handle).not.toBeInstanceOf(AppError);
      const { events } = await drain(handle as StreamHandle);
      expect(events.at(-1)?.type).toBe("done");
      expect(Date.now() - started).toBeLessThan(5000);
    },
  );

  routerTest(
    "a malformed stream before any token is not trusted: the next candidate answers",
    async ({ db, install }) => {
      router = await install(fake, { AI_RETRIES: "0" });
      const ctx = fresh(await userCtx(db));
      fake.queueFaults({ kind: "malformed" });
      const handle = await router.stream(ctx, ask("malformed first"));
      expect(handle.decision.fallbacksTried[0]?.model).toBe("gpt-4o-mini");
      expect((await drain(handle)).text).toBe("echo: malformed first");
    },
  );

  routerTest(
    "when every candidate fails before the first token the caller gets 502 upstream (no stream) and a ledger row",
    async ({ db, install }) => {
      router = await install(fake, { AI_RETRIES: "0" });
      const ctx = fresh(await userCtx(db));
      fake.queueFaults(
        ...Array.from({ length: 6 }, () => ({ kind: "status" as const, status: 500 })),
      );
      const err = await router.stream(ctx, ask("nobody answers")).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("upstream");
      const [row] = await ledgerRows(db, ctx.requestId);
      expect(row).toMatchObject({ status: "error", errorClass: "server_error", stream: true });
      fake.clearFaults();
    },
  );

  routerTest(
    "a client that stops reading cancels the provider stream; the row says cancelled",
    async ({ db, install }) => {
      router = await install(fake);
      const ctx = fresh(await userCtx(db));
      fake.queueFaults({ kind: "slow", delayMs: 30 });
      const controller = new AbortController();
      const handle = await router.stream(
        ctx,
        ask("a long answer the client will abandon halfway", { signal: controller.signal }),
      );
      const it = handle.events[Symbol.asyncIterator]();
      await it.next();
      controller.abort();
      await it.return?.(undefined);
      const [row] = await ledgerRows(db, ctx.requestId);
      expect(row).toMatchObject({ status: "error", errorClass: "cancelled" });
    },
  );
});
