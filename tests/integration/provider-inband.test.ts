import { beforeAll, describe, expect } from "vitest";
import { userCtx } from "../helpers/db";
import type { FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { ask, drain, fresh, rows } from "../helpers/router-calls";

// Issue 14, point 5: an OpenAI-compatible server (vLLM, Ollama, OpenRouter) can answer 200 and
// send an error object as the stream's first event. Through the AI SDK that was "refused
// (unknown)", one attempt, no fallback; the direct OpenAI-wire client reads it as a provider
// error whose status comes from its own type or code, so it is retried and falls back like the
// same fault answered with that status.
const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});
const LOCAL = "meta-llama/llama-3-8b";

describe("an in-band error as the first stream event of an OpenAI-compatible provider", () => {
  routerTest("a server error is retried, then another model answers", async ({ db, install }) => {
    const router = await install(fake, {
      OPENAI_COMPATIBLE_LOCAL_BASE_URL: `${fake.url}/v1`,
      OPENAI_COMPATIBLE_LOCAL_MODELS: LOCAL,
      OPENAI_COMPATIBLE_LOCAL_API_KEY: "sk-test",
      AI_RETRIES: "1",
    });
    const ctx = fresh(await userCtx(db));
    fake.calls.length = 0;
    fake.queueFaults({ kind: "inband" }, { kind: "inband" });
    const { text, events } = await drain(
      await router.stream(ctx, ask("in band", { model: LOCAL, allowFallback: true })),
    );
    expect(text).toBe("echo: in band");
    const done = events.at(-1);
    expect(done).toMatchObject({
      type: "done",
      result: { decision: { fallbacksTried: [{ model: LOCAL, errorClass: "server_error" }] } },
    });
    expect(fake.calls.map((c) => c.body.model).slice(0, 2)).toEqual([LOCAL, LOCAL]); // retried
    const [row] = await rows(router, db, ctx.requestId);
    expect(row).toMatchObject({ status: "ok", fallbackCount: 1 });
  });

  routerTest(
    "a rate limit sent in band is a rate limit, not a refusal",
    async ({ db, install }) => {
      const router = await install(fake, {
        OPENAI_COMPATIBLE_LOCAL_BASE_URL: `${fake.url}/v1`,
        OPENAI_COMPATIBLE_LOCAL_MODELS: LOCAL,
        OPENAI_COMPATIBLE_LOCAL_API_KEY: "sk-test",
        AI_RETRIES: "0",
      });
      const ctx = fresh(await userCtx(db));
      fake.queueFaults({ kind: "inband", type: "rate_limit_exceeded" });
      const { events } = await drain(
        await router.stream(ctx, ask("limited", { model: LOCAL, allowFallback: true })),
      );
      expect(events.at(-1)).toMatchObject({
        type: "done",
        result: { decision: { fallbacksTried: [{ model: LOCAL, errorClass: "rate_limited" }] } },
      });
    },
  );
});
