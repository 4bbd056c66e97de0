import OpenAI from "openai";
import { beforeAll, describe, expect } from "vitest";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { aiBudgets } from "@/db/schema";
import { apiKey, openaiClient } from "../helpers/ai-api";
import { signedInUser } from "../helpers/auth";
import type { FakeProvider } from "../helpers/fake-provider";
import { call } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";
import { TRANSPORTS } from "../helpers/transports";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

const ALLOW = { headers: { "x-route-fallback": "allow" } };
const ask = (model: string, content: string) => ({
  model,
  messages: [{ role: "user" as const, content }],
});
const askedModels = () => fake.calls.map((c) => c.body.model);
const failOnce = () => fake.queueFaults({ kind: "status", status: 500 });

/** What the promise was rejected with (it must be rejected). */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("the call succeeded"),
    (err: unknown) => err,
  );

// An explicitly requested model is never silently replaced: another model answers only when the
// caller allows it (x-route-fallback: allow), and then the answer says so. "auto" falls back.
describe.each(TRANSPORTS)("an explicit model and fallbacks, via $name", (t) => {
  routerTest(
    "without permission a failing explicit model is the provider's error (502 api_error), JSON and streamed; no other model is asked",
    async ({ install }) => {
      await install(fake, { AI_RETRIES: "0" });
      const { cookie } = await signedInUser("no-fallback");
      const client = openaiClient(await apiKey(cookie), t);
      for (const stream of [false, true]) {
        fake.calls.length = 0;
        failOnce();
        const err = await failure(
          client.chat.completions.create({ ...ask("gpt-4o-mini", `alone ${stream}`), stream }),
        );
        expect(err).toBeInstanceOf(OpenAI.InternalServerError);
        expect((err as InstanceType<typeof OpenAI.APIError>).error).toEqual({
          message:
            'The requested model "gpt-4o-mini" failed, and no other model may answer for it ' +
            "(fallback not allowed). Try again shortly. Tried: gpt-4o-mini (server_error).",
          type: "api_error",
          param: null,
          code: "server_error",
        });
        expect(askedModels()).toEqual(["gpt-4o-mini"]);
      }
    },
  );

  routerTest(
    "with x-route-fallback: allow another model answers, and the answer names the model asked for",
    async ({ install }) => {
      await install(fake, { AI_RETRIES: "0" });
      const { cookie } = await signedInUser("allow");
      const client = openaiClient(await apiKey(cookie), t);
      failOnce();
      const { data, response } = await client.chat.completions
        .create(ask("gpt-4o-mini", "stand in for it"), ALLOW)
        .withResponse();
      expect(data.model).toBe("claude-3-5-haiku-latest");
      expect(data.choices[0]?.message.content).toBe("echo: stand in for it");
      expect((data as unknown as { x_route: object }).x_route).toMatchObject({
        fallbackFrom: "gpt-4o-mini",
        fallbacksTried: [{ model: "gpt-4o-mini", errorClass: "server_error" }],
      });
      expect(Object.fromEntries(response.headers)).toMatchObject({
        "x-route-fallback-from": "gpt-4o-mini",
        "x-route-model": "claude-3-5-haiku-latest",
        "x-route-fallbacks": "gpt-4o-mini:server_error",
        "x-route-reason": expect.stringContaining("fallback(s) allowed"),
      });

      failOnce();
      const streamed = await client.chat.completions
        .create({ ...ask("gpt-4o-mini", "stream in for it"), stream: true }, ALLOW)
        .withResponse();
      let text = "";
      for await (const chunk of streamed.data) text += chunk.choices[0]?.delta.content ?? "";
      expect(text).toBe("echo: stream in for it");
      expect(streamed.response.headers.get("x-route-fallback-from")).toBe("gpt-4o-mini");
      expect(streamed.response.headers.get("x-route-model")).toBe("claude-3-5-haiku-latest");

      // Allowed but not needed: the model asked for answers, and nothing claims a fallback.
      const direct = await client.chat.completions
        .create(ask("gpt-4o-mini", "no need"), ALLOW)
        .withResponse();
      expect(direct.data.model).toBe("gpt-4o-mini");
      expect(direct.response.headers.get("x-route-fallback-from")).toBeNull();
    },
  );

  routerTest(
    "auto still falls back without asking; a header value other than allow or deny → 400 naming it",
    async ({ install }) => {
      await install(fake, { AI_RETRIES: "0" });
      const { cookie } = await signedInUser("auto");
      const client = openaiClient(await apiKey(cookie), t);
      failOnce();
      const auto = await client.chat.completions.create(ask("auto", "route me")).withResponse();
      expect(auto.data.model).toBe("claude-3-5-haiku-latest");
      expect(auto.response.headers.get("x-route-fallbacks")).toBe("gpt-4o-mini:server_error");
      expect(auto.response.headers.get("x-route-fallback-from")).toBeNull();

      const err = await failure(
        client.chat.completions.create(ask("gpt-4o-mini", "x"), {
          headers: { "x-route-fallback": "sometimes" },
        }),
      );
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err).toMatchObject({
        status: 400,
        type: "invalid_request_error",
        param: "x-route-fallback",
        code: "invalid_value",
      });
    },
  );

  routerTest(
    "an explicit model whose provider's circuit is open → 503 api_error with Retry-After, not another model",
    async ({ install }) => {
      await install(fake, { AI_RETRIES: "0", AI_BREAKER_FAILURES: "1" });
      const { cookie } = await signedInUser("circuit");
      const client = openaiClient(await apiKey(cookie), t);
      failOnce();
      await failure(client.chat.completions.create(ask("gpt-4o-mini", "open the circuit")));
      fake.calls.length = 0;
      const err = await failure(client.chat.completions.create(ask("gpt-4o-mini", "still?")));
      expect(err).toBeInstanceOf(OpenAI.InternalServerError);
      expect(err).toMatchObject({ status: 503, type: "api_error", code: "circuit_open" });
      expect((err as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after")).toBe("5");
      expect(fake.calls).toEqual([]);
    },
  );

  routerTest(
    "a cached answer another model gave (auto's fallback) is never served for the explicit model",
    async ({ install }) => {
      await install(fake, { AI_RETRIES: "0" });
      const { cookie } = await signedInUser("cache");
      const client = openaiClient(await apiKey(cookie), t);
      failOnce();
      const auto = await client.chat.completions.create(ask("auto", "same question"));
      expect(auto.model).toBe("claude-3-5-haiku-latest"); // cached under gpt-4o-mini's route
      fake.calls.length = 0;
      const exact = await client.chat.completions
        .create(ask("gpt-4o-mini", "same question"))
        .withResponse();
      expect(exact.data.model).toBe("gpt-4o-mini");
      expect(exact.response.headers.get("x-cache")).toBe("MISS");
      expect(askedModels()).toEqual(["gpt-4o-mini"]);
    },
  );

  routerTest(
    "a downgrading spending cap replaces an explicit model only when a fallback is allowed",
    async ({ db, install }) => {
      const router = await install(fake);
      const { cookie, user } = await signedInUser("downgrade");
      const client = openaiClient(await apiKey(cookie), t);
      await db.insert(aiBudgets).values({
        scope: "user",
        subjectId: user.id,
        period: "month",
        limitUsd: 0,
        onExceed: "downgrade",
      });
      router.budgets.invalidate();
      const err = await failure(client.chat.completions.create(ask("gpt-4o", "strong please")));
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect(err).toMatchObject({ type: "insufficient_quota", code: "insufficient_quota" });
      expect((err as Error).message).toContain(
        '"gpt-4o" was asked for without allowing a fallback',
      );
      const cheap = await client.chat.completions
        .create(ask("gpt-4o", "cheap is fine"), ALLOW)
        .withResponse();
      expect(cheap.data.model).toBe("gpt-4o-mini");
      expect(cheap.response.headers.get("x-route-fallback-from")).toBe("gpt-4o");
      // The cheapest model asked for by name needs no replacing: it is served as asked.
      const asked = await client.chat.completions.create(ask("gpt-4o-mini", "the cheap one"));
      expect(asked.model).toBe("gpt-4o-mini");
      // And a model that does not exist is a 404 under a cap too, never served by another.
      for (const options of [undefined, ALLOW]) {
        const missing = await failure(
          client.chat.completions.create(ask("gpt-9", "nobody"), options),
        );
        expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
        expect(missing).toMatchObject({ code: "model_not_found", param: "model" });
      }
    },
  );

  routerTest(
    "a conversation too long for the explicit model is OpenAI's context_length_exceeded",
    async ({ install }) => {
      await install(fake);
      const client = openaiClient(await apiKey((await signedInUser("too-long")).cookie), t);
      // Four messages at the per-message cap: about 190,000 tokens, past gpt-4o-mini's window.
      const part = { role: "user" as const, content: "word ".repeat(38_000) };
      const err = await failure(
        client.chat.completions.create({
          model: "gpt-4o-mini",
          messages: [part, part, part, part],
        }),
      );
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err).toMatchObject({ code: "context_length_exceeded", param: "messages" });
    },
  );
});

describe("the app's own chat API keeps its envelope and takes `fallback` in the body", () => {
  routerTest("deny by default (502 upstream), allow names fallbackFrom", async ({ install }) => {
    await install(fake, { AI_RETRIES: "0" });
    const { cookie } = await signedInUser("app-chat");
    const chat = (extra: object) =>
      call(aiChat, "/api/ai/chat", {
        json: { messages: [{ role: "user", content: "app" }], model: "gpt-4o-mini", ...extra },
        cookie,
      });
    failOnce();
    const denied = await chat({});
    expect(denied.status).toBe(502);
    expect((await denied.json()).error).toMatchObject({
      code: "upstream",
      details: { attempts: [{ model: "gpt-4o-mini", errorClass: "server_error" }] },
    });
    failOnce();
    const allowed = await chat({ fallback: "allow" });
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).decision).toMatchObject({
      model: "claude-3-5-haiku-latest",
      fallbackFrom: "gpt-4o-mini",
    });
    expect(allowed.headers.get("x-route-fallback-from")).toBe("gpt-4o-mini");
    const invalid = await chat({ fallback: "maybe" });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.details.fields[0]).toMatchObject({ field: "fallback" });
  });
});
