import OpenAI from "openai";
import { beforeAll, describe, expect } from "vitest";
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

// Every case runs through Next's pipeline (proxy.ts + route handler) and through the server
// entry's gateway: the same API core must give the same answers, headers and checks on both.
describe.each(TRANSPORTS)("OpenAI-compatible API with the official openai SDK, via $name", (t) => {
  routerTest(
    "completes (model auto), streams with usage in the final chunk, and lists models",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("sdk");
      const client = openaiClient(await apiKey(cookie), t);

      const completion = await client.chat.completions.create({
        model: "auto",
        messages: [{ role: "user", content: "hello from the sdk" }],
      });
      expect(completion.choices[0]?.message.content).toBe("echo: hello from the sdk");
      expect(completion.model).toBe("gpt-4o-mini");
      expect(completion.usage).toMatchObject({
        prompt_tokens: 4,
        completion_tokens: 5,
        total_tokens: 9,
      });
      expect(
        (completion as unknown as { x_route: { taskType: string; reason: string } }).x_route,
      ).toMatchObject({ taskType: "chat", reason: expect.any(String) });

      const { data, response } = await client.chat.completions
        .create({
          model: "claude-3-5-haiku-latest",
          messages: [{ role: "user", content: "stream it" }],
          stream: true,
          stream_options: { include_usage: true },
        })
        .withResponse();
      expect(response.headers.get("x-route-model")).toBe("claude-3-5-haiku-latest");
      let text = "";
      let usage: OpenAI.CompletionUsage | undefined | null;
      let chunks = 0;
      for await (const chunk of data) {
        chunks++;
        text += chunk.choices[0]?.delta.content ?? "";
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text).toBe("echo: stream it");
      expect(chunks).toBeGreaterThan(3);
      expect(usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3 });

      const models = await client.models.list();
      const ids = models.data.map((m) => m.id);
      expect(ids[0]).toBe("auto");
      expect(ids).toEqual(expect.arrayContaining(["gpt-4o-mini", "claude-3-5-sonnet-latest"]));
      expect(ids).not.toContain("gemini-1.5-pro"); // Google is not configured
    },
  );

  routerTest(
    "a stream that fails after the first token raises an error in the SDK instead of ending quietly",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("sdk-cut");
      const client = openaiClient(await apiKey(cookie), t);
      fake.queueFaults({ kind: "cut", afterChunks: 3 });
      const stream = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "this answer will be cut off in the middle" }],
        stream: true,
      });
      let text = "";
      const consume = async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      };
      // The error event is OpenAI's envelope too: an APIError whose code says how it failed.
      const err = await consume().then(
        () => expect.unreachable("the stream ended quietly"),
        (e) => e,
      );
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect(err).toMatchObject({
        message: expect.stringMatching(/failed mid-answer/),
        type: "api_error",
        param: null,
        code: "network",
      });
      expect(text.length).toBeGreaterThan(0);
    },
  );

  routerTest(
    "sampling parameters reach the provider and are part of the cache key",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("sampling");
      const client = openaiClient(await apiKey(cookie), t);
      const ask = (top_p: number) =>
        client.chat.completions.create({
          model: "gpt-4o-mini",
          messages: [{ role: "user", content: "sample me" }],
          top_p,
          stop: ["END"],
          seed: 7,
          presence_penalty: 0.5,
        });
      await ask(0.5);
      expect(fake.calls.at(-1)?.body).toMatchObject({
        top_p: 0.5,
        stop: ["END"],
        seed: 7,
        presence_penalty: 0.5,
      });
      const calls = fake.calls.length;
      await ask(0.5);
      expect(fake.calls.length).toBe(calls); // same parameters: a hit
      await ask(0.9);
      expect(fake.calls.length).toBe(calls + 1); // different: a miss
    },
  );

  routerTest(
    "x-route-* and x-cache headers on JSON answers; a repeat is a cache HIT",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("hdr");
      const key = await apiKey(cookie);
      const body = {
        model: "auto",
        messages: [{ role: "user", content: "Write a python function that reverses a string" }],
      };
      const headers = { authorization: `Bearer ${key}` };
      const first = await t.call("/api/v1/chat/completions", { json: body, headers });
      expect(first.status).toBe(200);
      expect(
        Object.fromEntries(
          [...first.headers].filter(([k]) => k.startsWith("x-route") || k === "x-cache"),
        ),
      ).toMatchObject({
        "x-route-task-type": "code",
        "x-route-model": "claude-3-5-sonnet-latest",
        "x-route-provider": "anthropic",
        "x-route-fallbacks": "",
        "x-cache": "MISS",
        "x-route-cost-usd": expect.stringMatching(/^0\.\d{8}$/),
      });
      expect(first.headers.get("x-route-reason")).toMatch(/code/);
      const second = await t.call("/api/v1/chat/completions", { json: body, headers });
      expect(second.headers.get("x-cache")).toBe("HIT");
      expect(second.headers.get("x-route-cost-usd")).toBe("0.00000000");
    },
  );

  routerTest(
    "bad input gets exact 4xx envelopes in OpenAI's shape; keys without write scope and anonymous callers are refused",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("bad");
      const headers = { authorization: `Bearer ${await apiKey(cookie)}` };
      const post = (json: unknown, h = headers) =>
        t.call("/api/v1/chat/completions", { json, headers: h });
      const invalid = (param: string, message: unknown) => ({
        error: { message, type: "invalid_request_error", param, code: "invalid_value" },
      });

      const tools = await post({
        model: "auto",
        messages: [{ role: "user", content: "x" }],
        tools: [{ type: "function", function: { name: "f" } }],
      });
      expect(tools.status).toBe(400);
      expect(await tools.json()).toEqual(
        invalid("tools", expect.stringContaining("function calling is not supported")),
      );

      for (const [field, extra] of [
        ["response_format", { response_format: { type: "json_object" } }],
        ["tool_choice", { tool_choice: "auto" }],
        ["logprobs", { logprobs: true }],
        ["n", { n: 2 }],
      ] as const) {
        const res = await post({
          model: "auto",
          messages: [{ role: "user", content: "x" }],
          ...extra,
        });
        expect(res.status).toBe(400);
        const { error } = await res.json();
        expect(error).toMatchObject({ type: "invalid_request_error", code: "invalid_value" });
        expect(error.param).toMatch(new RegExp(`^${field}`));
      }

      const noMessages = await post({ model: "auto", messages: [] });
      expect(noMessages.status).toBe(400);
      expect(await noMessages.json()).toEqual(
        invalid("messages", "messages: needs at least one message"),
      );

      const badRole = await post({ model: "auto", messages: [{ role: "tool", content: "x" }] });
      expect(badRole.status).toBe(400);
      expect((await badRole.json()).error.param).toBe("messages.0.role");

      const unknownModel = await post({
        model: "no-such-model",
        messages: [{ role: "user", content: "x" }],
      });
      expect(unknownModel.status).toBe(404);
      expect(await unknownModel.json()).toEqual({
        error: {
          message: expect.stringContaining('"no-such-model" is not available'),
          type: "invalid_request_error",
          param: "model",
          code: "model_not_found",
        },
      });

      const malformed = await t.call("/api/v1/chat/completions", {
        body: "{not json",
        headers: { ...headers, "content-type": "application/json" },
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({
        error: {
          message: expect.stringMatching(/^Malformed JSON: /),
          type: "invalid_request_error",
          param: null,
          code: "bad_request",
        },
      });

      const readOnly = await post(
        { model: "auto", messages: [{ role: "user", content: "x" }] },
        { authorization: `Bearer ${await apiKey(cookie, ["read"])}` },
      );
      expect(readOnly.status).toBe(403);
      expect(await readOnly.json()).toEqual({
        error: {
          message: 'This API key lacks the "write" scope.',
          type: "permission_error",
          param: null,
          code: "forbidden",
        },
      });

      const anonymous = await t.call("/api/v1/chat/completions", {
        json: { model: "auto", messages: [{ role: "user", content: "x" }] },
      });
      expect(anonymous.status).toBe(401);
      expect((await anonymous.json()).error).toMatchObject({
        type: "authentication_error",
        code: "invalid_api_key",
      });
    },
  );

  routerTest(
    "AI calls spend the tier's separate `ai` rate-limit budget, not the general API one",
    async ({ install }) => {
      await install(fake);
      await signedInUser("first"); // the first account of a database is an admin, and admins are exempt
      const { cookie } = await signedInUser("limits");
      const headers = { authorization: `Bearer ${await apiKey(cookie)}` };
      const ask = () =>
        t.call("/api/v1/chat/completions", {
          json: { model: "auto", messages: [{ role: "user", content: "count me" }] },
          headers,
        });
      const remaining = (r: Response) => Number(r.headers.get("x-ratelimit-remaining"));
      const a = await ask();
      const b = await ask();
      expect(a.headers.get("x-ratelimit-limit")).toBe("300");
      expect(remaining(a) - remaining(b)).toBe(1);
      const list = await t.call("/api/v1/models", { headers });
      expect(remaining(list)).toBe(298); // its own budget (creating the key spent 1): the AI calls did not spend it
    },
  );
});
