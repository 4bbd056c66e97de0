import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { aiRequests } from "@/db/schema";
import { Circuits } from "@/lib/ai/circuits";
import { DEFAULT_MODELS } from "@/lib/ai/catalogue";
import { Ledger } from "@/lib/ai/ledger";
import { RetryHints } from "@/lib/ai/retry-hints";
import { availableProviders, providerClientFactory } from "@/lib/ai/providers";
import { complete, type RouterDeps } from "@/lib/ai";
import type { Db } from "@/db/client";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { dbTest } from "../helpers/db";
import { startFakeProvider, type FakeProvider } from "../helpers/fake-provider";

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: "sk-test" });
});
afterAll(() => fake.close());

function router(db: Db, overrides: Partial<RouterDeps> = {}) {
  const env = parseEnv({
    ENVIRONMENT: "test",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    ANTHROPIC_API_KEY: "sk-test",
    ANTHROPIC_BASE_URL: `${fake.url}/v1`,
  });
  const backoffs: (number | undefined)[] = [];
  const deps: RouterDeps = {
    models: async () => DEFAULT_MODELS,
    available: availableProviders(env),
    client: providerClientFactory(env),
    circuits: new Circuits({ failureThreshold: 5, openMs: 60_000 }),
    ledger: new Ledger(
      (rows) =>
        db
          .insert(aiRequests)
          .values(rows)
          .then(() => undefined),
      { maxBatch: 100, intervalMs: 60_000, maxQueued: 1000 },
    ),
    hints: new RetryHints(),
    timeoutMs: 500,
    deadlineMs: 30_000,
    retries: 1,
    backoffMs: (_attempt, retryAfterMs) => (backoffs.push(retryAfterMs), 0),
    sleep: async () => {},
    ...overrides,
  };
  return { deps, backoffs };
}

const chat = (content: string) => ({
  messages: [{ role: "user" as const, content }],
  source: "api" as const,
});
const models = () => fake.calls.map((c) => c.body.model);

describe("router: non-streaming completions against the fake provider", () => {
  dbTest(
    "routes a chat to the policy's first model and records one ledger row",
    async ({ ctx, db }) => {
      fake.calls.length = 0;
      const { deps } = router(db);
      const r = await complete({ ctx, input: chat("hello router"), deps });
      expect(r.text).toBe("echo: hello router");
      expect(r.decision).toMatchObject({
        taskType: "chat",
        model: "gpt-4o-mini",
        provider: "openai",
        fallbacksTried: [],
      });
      expect(r.decision.reason).toContain("first preferred model available for chat");
      expect(r.usage).toEqual({ inputTokens: 2, outputTokens: 3 });
      expect(r.costUsd).toBeCloseTo((2 * 0.15 + 3 * 0.6) / 1e6, 12);
      expect(models()).toEqual(["gpt-4o-mini"]);
      expect(deps.ledger.pending).toBe(1);
      await deps.ledger.flush();
      const [row] = await db
        .select()
        .from(aiRequests)
        .where(eq(aiRequests.requestId, ctx.requestId));
      expect(row).toMatchObject({
        taskType: "chat",
        requestedModel: "auto",
        servedModel: "gpt-4o-mini",
        provider: "openai",
        inputTokens: 2,
        outputTokens: 3,
        status: "ok",
        fallbackCount: 0,
        cached: false,
      });
    },
  );

  dbTest("an explicit model overrides routing (Anthropic wire format)", async ({ ctx, db }) => {
    fake.calls.length = 0;
    const r = await complete({
      ctx,
      input: { ...chat("hi"), model: "claude-3-5-haiku-latest" },
      deps: router(db).deps,
    });
    expect(r.decision).toMatchObject({
      model: "claude-3-5-haiku-latest",
      provider: "anthropic",
      reason: expect.stringContaining("requested explicitly"),
    });
    expect(fake.calls.at(-1)?.path).toBe("/v1/messages");
  });

  dbTest("retries a 500 on the same model, then succeeds", async ({ ctx, db }) => {
    fake.calls.length = 0;
    fake.queueFaults({ kind: "status", status: 500 });
    const r = await complete({ ctx, input: chat("retry me"), deps: router(db).deps });
    expect(r.decision.model).toBe("gpt-4o-mini");
    expect(models()).toEqual(["gpt-4o-mini", "gpt-4o-mini"]);
  });

  dbTest(
    "a 429 with retry-after goes to the next candidate at once (no retry, no wait), one row",
    async ({ ctx, db }) => {
      fake.calls.length = 0;
      fake.queueFaults({ kind: "status", status: 429, retryAfterSeconds: 3 });
      const { deps, backoffs } = router(db);
      const r = await complete({ ctx, input: chat("busy?"), deps });
      expect(r.decision).toMatchObject({
        model: "claude-3-5-haiku-latest",
        fallbacksTried: [{ model: "gpt-4o-mini", errorClass: "rate_limited" }],
      });
      expect(backoffs).toEqual([]);
      expect(models()).toEqual(["gpt-4o-mini", "claude-3-5-haiku-latest"]);
      await deps.ledger.flush();
      const [row] = await db
        .select()
        .from(aiRequests)
        .where(eq(aiRequests.requestId, ctx.requestId));
      expect(row).toMatchObject({
        servedModel: "claude-3-5-haiku-latest",
        fallbackCount: 1,
        status: "ok",
      });
    },
  );

  dbTest(
    "a hang times out and a malformed answer is not trusted: both move on",
    async ({ ctx, db }) => {
      for (const [fault, errorClass] of [
        [{ kind: "hang" }, "timeout"],
        [{ kind: "malformed" }, "malformed_response"],
      ] as const) {
        fake.calls.length = 0;
        fake.queueFaults(fault, fault);
        const r = await complete({
          ctx,
          input: chat("are you there"),
          deps: router(db, { timeoutMs: 300 }).deps,
        });
        expect(r.decision.fallbacksTried).toEqual([{ model: "gpt-4o-mini", errorClass }]);
        expect(r.decision.model).toBe("claude-3-5-haiku-latest");
      }
    },
  );

  dbTest(
    "a client error (400) is not retried elsewhere: upstream error and an error row",
    async ({ ctx, db }) => {
      fake.calls.length = 0;
      fake.queueFaults({ kind: "status", status: 400 });
      const { deps } = router(db);
      const err = await complete({ ctx, input: chat("bad"), deps }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(502);
      expect(models()).toEqual(["gpt-4o-mini"]);
      await deps.ledger.flush();
      const [row] = await db
        .select()
        .from(aiRequests)
        .where(eq(aiRequests.requestId, ctx.requestId));
      expect(row).toMatchObject({
        status: "error",
        errorClass: "client_error",
        servedModel: "gpt-4o-mini",
      });
    },
  );

  dbTest(
    "when every candidate fails: 502 listing the attempts, one error row",
    async ({ ctx, db }) => {
      // Chat with both providers configured has four candidates (two preferred, two by cost).
      fake.queueFaults(
        ...Array.from({ length: 4 }, () => ({ kind: "status", status: 503 }) as const),
      );
      const { deps } = router(db, { retries: 0 });
      const err = (await complete({ ctx, input: chat("anyone?"), deps }).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(err.status).toBe(502);
      expect(err.details?.attempts).toEqual(
        ["gpt-4o-mini", "claude-3-5-haiku-latest", "gpt-4o", "claude-3-5-sonnet-latest"].map(
          (model) => ({ model, errorClass: "server_error" }),
        ),
      );
      await deps.ledger.flush();
      const rows = await db
        .select()
        .from(aiRequests)
        .where(eq(aiRequests.requestId, ctx.requestId));
      expect(rows).toMatchObject([
        { status: "error", errorClass: "server_error", fallbackCount: 3 },
      ]);
    },
  );

  dbTest(
    "the circuit opens after repeated failures and the model is skipped",
    async ({ ctx, db }) => {
      const circuits = new Circuits({ failureThreshold: 2, openMs: 60_000 });
      fake.queueFaults({ kind: "status", status: 500 }, { kind: "status", status: 500 });
      const { deps } = router(db, { circuits, retries: 1 });
      await complete({ ctx, input: chat("one"), deps }); // two 500s on gpt-4o-mini → open → anthropic serves
      expect(circuits.modelStates("openai")).toEqual([{ model: "gpt-4o-mini", circuit: "open" }]);
      expect(circuits.providerState("openai")).toBe("closed");
      fake.calls.length = 0;
      const r = await complete({ ctx, input: chat("two"), deps });
      expect(r.decision.fallbacksTried).toEqual([
        { model: "gpt-4o-mini", errorClass: "circuit_open" },
      ]);
      expect(models()).toEqual(["claude-3-5-haiku-latest"]);
    },
  );

  dbTest(
    "no provider configured: 503 that says what to set; unknown model: 422 on `model`",
    async ({ ctx, db }) => {
      const none = router(db, { available: new Set() }).deps;
      await expect(complete({ ctx, input: chat("x"), deps: none })).rejects.toMatchObject({
        status: 503,
        message: expect.stringContaining("OPENAI_API_KEY"),
      });
      const err = (await complete({
        ctx,
        input: { ...chat("x"), model: "no-such-model" },
        deps: router(db).deps,
      }).catch((e: unknown) => e)) as AppError;
      expect(err.status).toBe(422);
      expect(err.details?.fields?.[0]?.field).toBe("model");
    },
  );
});
