import OpenAI from "openai";
import { beforeAll, describe, expect } from "vitest";
import { AppError } from "@/lib/errors";
import { apiKey, openaiClient } from "../helpers/ai-api";
import { signedInUser } from "../helpers/auth";
import { userCtx } from "../helpers/db";
import type { Fault, FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { ask, fresh, rows } from "../helpers/router-calls";

/** Every call answers with `fault` while it is set (each candidate, each retry). */
let fault: Fault | undefined;
const provider = useFakeProvider({ apiKey: "sk-test", faultFor: () => fault });
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

const DEADLINE = 3_000;
/** What the deadline may be overrun by: the last attempt's abort and the answer's way out. */
const MARGIN = 500;
// The numbers: a 2 s attempt timeout, one retry, four candidates (about 16 s before).
const VARS = { AI_TIMEOUT_MS: "2000", AI_RETRIES: "1", AI_REQUEST_DEADLINE_MS: String(DEADLINE) };
const REAL_WAITS = { router: { backoffMs: undefined } };

// The request deadline (issue 14, point 6): every attempt and every wait of one request, together,
// end by AI_REQUEST_DEADLINE_MS with a clear error (504 deadline_exceeded), however many
// candidates and retries remain.
describe("AI_REQUEST_DEADLINE_MS", () => {
  routerTest(
    "every candidate hangs: the request ends by the deadline with 504 deadline_exceeded (OpenAI SDK)",
    async ({ install }) => {
      await install(fake, VARS);
      const { cookie } = await signedInUser("deadline");
      const client = openaiClient(await apiKey(cookie));
      fault = { kind: "hang" };
      fake.calls.length = 0;
      const t0 = performance.now();
      const err = await client.chat.completions
        .create({ model: "auto", messages: [{ role: "user", content: "anyone there?" }] })
        .then(
          () => expect.unreachable("answered"),
          (e: unknown) => e,
        )
        .finally(() => (fault = undefined));
      const ms = performance.now() - t0;
      expect(err).toBeInstanceOf(OpenAI.InternalServerError);
      expect(err).toMatchObject({ status: 504, type: "api_error", code: "deadline_exceeded" });
      expect((err as Error).message).toContain("3 s");
      expect(ms).toBeGreaterThanOrEqual(DEADLINE - 50);
      expect(ms).toBeLessThan(DEADLINE + MARGIN);
      // 2 s, then the retry cut to the 1 s left: no third call.
      expect(fake.calls.map((c) => c.body.model)).toEqual(["gpt-4o-mini", "gpt-4o-mini"]);
    },
  );

  routerTest(
    "a stream whose candidates all hang before the first token ends by the deadline too",
    async ({ db, install }) => {
      const router = await install(fake, VARS);
      const ctx = fresh(await userCtx(db));
      fault = { kind: "hang" };
      const t0 = performance.now();
      const err = await router
        .stream(ctx, ask("stream, anyone?"))
        .then(
          () => expect.unreachable("opened"),
          (e: unknown) => e,
        )
        .finally(() => (fault = undefined));
      const ms = performance.now() - t0;
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 504, details: { errorClass: "deadline_exceeded" } });
      expect(ms).toBeLessThan(DEADLINE + MARGIN);
      const [row] = await rows(router, db, ctx.requestId);
      expect(row).toMatchObject({ status: "error", errorClass: "deadline_exceeded", stream: true });
    },
  );

  routerTest(
    "backoff waits count: 500s on every candidate with real backoff still end by the deadline",
    async ({ db, install }) => {
      const router = await install(
        fake,
        { ...VARS, AI_TIMEOUT_MS: "1000", AI_RETRIES: "5", AI_REQUEST_DEADLINE_MS: "1500" },
        REAL_WAITS,
      );
      const ctx = fresh(await userCtx(db));
      // Jittered exponential backoff, up to 4 s a wait: about 15 s of waiting for 4 × 6 attempts before.
      fault = { kind: "status", status: 500 };
      const calls = fake.calls.length;
      const t0 = performance.now();
      const err = await router
        .complete(ctx, ask("failing fast"))
        .catch((e: unknown) => e)
        .finally(() => (fault = undefined));
      const ms = performance.now() - t0;
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBeGreaterThanOrEqual(500);
      expect(ms).toBeLessThan(1_500 + MARGIN);
      expect(fake.calls.length - calls).toBeLessThan(24);
    },
  );
});
