import OpenAI from "openai";
import { beforeAll, describe, expect } from "vitest";
import { aiBudgets } from "@/db/schema";
import { apiKey, openaiClient } from "../helpers/ai-api";
import { signedInUser } from "../helpers/auth";
import type { FakeProvider } from "../helpers/fake-provider";
import { routerTest, useFakeProvider } from "../helpers/router";
import { TRANSPORTS } from "../helpers/transports";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

type Messages = OpenAI.ChatCompletionMessageParam[];
type ApiError = InstanceType<typeof OpenAI.APIError>;
const hi: Messages = [{ role: "user", content: "hi" }];

/** What the promise was rejected with (it must be rejected). */
async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable("the call succeeded"),
    (err: unknown) => err,
  );
}

/** The exception class and the fields OpenAI's SDK reads from the error envelope. */
function expectError(
  err: unknown,
  Class: new (...args: never[]) => ApiError,
  fields: { status: number; type: string; param: string | null; code: string | null },
) {
  expect(err).toBeInstanceOf(Class);
  expect(err).toMatchObject(fields);
  return err as ApiError;
}

// The official client against both transports (Next's pipeline and the server entry): each error
// class an SDK user can meet, with the status, type, param and code OpenAI would send.
describe.each(TRANSPORTS)("OpenAI SDK error classes, via $name", (t) => {
  routerTest(
    "models.retrieve: each listed model (auto, ids with a slash) as the list shows it; unknown → NotFoundError",
    async ({ install }) => {
      await install(fake, {
        OPENAI_COMPATIBLE_LOCAL_BASE_URL: `${fake.url}/v1`,
        OPENAI_COMPATIBLE_LOCAL_MODELS: "meta-llama/llama-3-8b",
      });
      const { cookie } = await signedInUser("retrieve");
      const client = openaiClient(await apiKey(cookie, ["read"]), t);
      const list = await client.models.list();
      expect(list.data.length).toBeGreaterThan(3);
      for (const m of list.data) expect(await client.models.retrieve(m.id)).toEqual(m);
      expect(await client.models.retrieve("meta-llama/llama-3-8b")).toEqual({
        id: "meta-llama/llama-3-8b",
        object: "model",
        created: 0,
        owned_by: "compat:local",
      });
      expect(await client.models.retrieve("auto")).toEqual({
        id: "auto",
        object: "model",
        created: 0,
        owned_by: "router",
      });
      // Unknown, and known but its provider (Google) not configured: the same answer.
      for (const id of ["no-such-model", "gemini-1.5-pro"]) {
        const err = expectError(await failure(client.models.retrieve(id)), OpenAI.NotFoundError, {
          status: 404,
          type: "invalid_request_error",
          param: "model",
          code: "model_not_found",
        });
        expect(err.message).toContain(`"${id}" does not exist`);
      }
      const anonymous = openaiClient("aios_notARealKey_000000000000000000000000000000", t);
      expectError(await failure(anonymous.models.retrieve("auto")), OpenAI.AuthenticationError, {
        status: 401,
        type: "authentication_error",
        param: null,
        code: "invalid_api_key",
      });
    },
  );

  routerTest(
    "BadRequestError for every validation failure, `param` naming the field; NotFoundError for an unknown model",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("bad-request");
      const client = openaiClient(await apiKey(cookie), t);
      const create = (body: object) =>
        failure(client.chat.completions.create({ model: "auto", messages: hi, ...body }));
      for (const [param, body] of [
        ["messages.0.role", { messages: [{ role: "tool", content: "x", tool_call_id: "1" }] }],
        ["messages.0.content", { messages: [{ role: "user", content: "nul \u0000 here" }] }],
        ["messages", { messages: [] }],
        ["temperature", { temperature: 3 }],
        ["tools", { tools: [{ type: "function", function: { name: "f" } }] }],
        ["n", { n: 2 }],
        ["model", { model: "" }],
      ] as const) {
        const err = expectError(await create(body), OpenAI.BadRequestError, {
          status: 400,
          type: "invalid_request_error",
          param,
          code: "invalid_value",
        });
        expect(err.message).toMatch(new RegExp(`^400 ${param}: `));
      }
      const unknown = expectError(await create({ model: "gpt-9" }), OpenAI.NotFoundError, {
        status: 404,
        type: "invalid_request_error",
        param: "model",
        code: "model_not_found",
      });
      expect(unknown.message).toContain('"gpt-9" is not available');
    },
  );

  routerTest(
    "NotFoundError for what this API does not offer: another path, another method",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("unknown-url");
      const key = await apiKey(cookie);
      const client = openaiClient(key, t);
      const err = expectError(
        await failure(client.embeddings.create({ model: "auto", input: "x" })),
        OpenAI.NotFoundError,
        { status: 404, type: "invalid_request_error", param: null, code: "not_found" },
      );
      expect(err.message).toBe("404 Invalid URL (POST /api/v1/embeddings).");
      const headers = { authorization: `Bearer ${key}` };
      for (const [method, path] of [
        ["GET", "/api/v1/chat/completions"],
        ["POST", "/api/v1/models"],
        ["DELETE", "/api/v1/models/gpt-4o-mini"],
        ["GET", "/api/v1"],
      ]) {
        const res = await t.call(path!, { method, headers });
        expect([method, path, res.status]).toEqual([method, path, 404]);
        expect((await res.json()).error).toEqual({
          message: `Invalid URL (${method} ${path}).`,
          type: "invalid_request_error",
          param: null,
          code: "not_found",
        });
      }
    },
  );

  routerTest(
    "AuthenticationError for a wrong key, PermissionDeniedError for a key without `write`",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("auth-classes");
      const wrong = openaiClient("aios_notARealKey_000000000000000000000000000000", t);
      const err = expectError(
        await failure(wrong.chat.completions.create({ model: "auto", messages: hi })),
        OpenAI.AuthenticationError,
        { status: 401, type: "authentication_error", param: null, code: "invalid_api_key" },
      );
      expect(err.message).toContain("Invalid, revoked or expired API key.");
      const readOnly = openaiClient(await apiKey(cookie, ["read"]), t);
      const denied = expectError(
        await failure(readOnly.chat.completions.create({ model: "auto", messages: hi })),
        OpenAI.PermissionDeniedError,
        { status: 403, type: "permission_error", param: null, code: "forbidden" },
      );
      expect(denied.message).toContain('lacks the "write" scope');
    },
  );

  routerTest(
    "RateLimitError over the rate limit (Retry-After and X-RateLimit-* kept) and over a spending cap",
    async ({ db, install }) => {
      const router = await install(fake, { RATE_LIMIT_AUTHENTICATED_PER_MINUTE: "1" });
      await signedInUser("first"); // the first account is an admin, and admins are exempt
      const { cookie, user } = await signedInUser("limited");
      const client = openaiClient(await apiKey(cookie), t); // spends the one `api` request
      const limited = expectError(await failure(client.models.list()), OpenAI.RateLimitError, {
        status: 429,
        type: "rate_limit_error",
        param: null,
        code: "rate_limit_exceeded",
      });
      expect(Number(limited.headers?.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.headers?.get("x-ratelimit-limit")).toBe("1");
      expect(limited.headers?.get("x-ratelimit-remaining")).toBe("0");

      await db
        .insert(aiBudgets)
        .values({ scope: "user", subjectId: user.id, period: "day", limitUsd: 0 });
      router.budgets.invalidate();
      const capped = expectError(
        await failure(client.chat.completions.create({ model: "auto", messages: hi })),
        OpenAI.RateLimitError,
        { status: 429, type: "insufficient_quota", param: null, code: "insufficient_quota" },
      );
      expect(capped.message).toMatch(/^429 Your daily AI budget of \$0\.00 is used up/);
      expect(capped.headers?.get("x-should-retry")).toBe("false");
      expect(Number(capped.headers?.get("retry-after"))).toBeGreaterThan(0);
    },
  );

  routerTest(
    "InternalServerError: every provider failing → 502 api_error naming the attempts; none configured → 503",
    async ({ install }) => {
      await install(fake, { AI_RETRIES: "0" });
      const { cookie } = await signedInUser("down");
      const key = await apiKey(cookie);
      fake.queueFaults(
        ...Array.from({ length: 4 }, () => ({ kind: "status", status: 500 }) as const),
      );
      const down = expectError(
        await failure(
          openaiClient(key, t).chat.completions.create({ model: "auto", messages: hi }),
        ),
        OpenAI.InternalServerError,
        { status: 502, type: "api_error", param: null, code: "server_error" },
      );
      fake.clearFaults();
      // Every configured model that fits was tried, cheapest-first for chat, each after one failure.
      expect(down.error).toEqual({
        message:
          "Every provider that could serve this request failed. Try again shortly. Tried: " +
          "gpt-4o-mini (server_error), claude-3-5-haiku-latest (server_error), " +
          "gpt-4o (server_error), claude-3-5-sonnet-latest (server_error).",
        type: "api_error",
        param: null,
        code: "server_error",
      });

      await install(fake, { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "" });
      const none = expectError(
        await failure(
          openaiClient(key, t).chat.completions.create({ model: "auto", messages: hi }),
        ),
        OpenAI.InternalServerError,
        { status: 503, type: "api_error", param: null, code: "unavailable" },
      );
      expect(none.message).toContain("No AI provider is configured");
      expect(none.headers?.get("retry-after")).toBe("5");
    },
  );
});
