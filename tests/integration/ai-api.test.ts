import OpenAI from "openai";
import { beforeAll, describe, expect } from "vitest";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { GET as aiModels } from "@/app/api/ai/models/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import {
  DELETE as deleteConversation,
  GET as getConversation,
  PATCH as renameConversation,
} from "@/app/api/conversations/[id]/route";
import { POST as createKey } from "@/app/api/keys/route";
import { POST as v1Chat } from "@/app/api/v1/chat/completions/route";
import { GET as v1Models } from "@/app/api/v1/models/route";
import { signedInUser } from "../helpers/auth";
import type { FakeProvider } from "../helpers/fake-provider";
import { BASE, call, randomIp } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

/** Parses an SSE body into [event, data] pairs. */
async function sse(res: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(frame)?.[1] ?? "";
      return { event, data: data === "[DONE]" ? data : JSON.parse(data) };
    });
}

async function apiKey(cookie: string, scopes: string[] = ["read", "write"]) {
  const res = await call(createKey, "/api/keys", { json: { name: "sdk", scopes }, cookie });
  expect(res.status).toBe(201);
  return (await res.json()).key as string;
}

/** The official OpenAI SDK, its fetch wired to the real route handlers in-process. */
function openaiClient(key: string) {
  const ip = randomIp();
  return new OpenAI({
    apiKey: key,
    baseURL: `${BASE}/api/v1`,
    maxRetries: 0,
    fetch: async (url, init) => {
      const req = new Request(url as string, {
        ...(init as RequestInit),
        headers: { ...Object.fromEntries(new Headers(init?.headers)), "x-forwarded-for": ip },
      });
      const { pathname } = new URL(req.url);
      if (pathname === "/api/v1/chat/completions")
        return v1Chat(req, { params: Promise.resolve({}) });
      if (pathname === "/api/v1/models") return v1Models(req, { params: Promise.resolve({}) });
      return new Response("not found", { status: 404 });
    },
  });
}

describe("OpenAI-compatible API with the official openai SDK", () => {
  routerTest(
    "completes (model auto), streams with usage in the final chunk, and lists models",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("sdk");
      const client = openaiClient(await apiKey(cookie));

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
      const client = openaiClient(await apiKey(cookie));
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
      await expect(consume()).rejects.toThrow(/failed mid-answer/);
      expect(text.length).toBeGreaterThan(0);
    },
  );

  routerTest(
    "sampling parameters reach the provider and are part of the cache key",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("sampling");
      const client = openaiClient(await apiKey(cookie));
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
      const first = await call(v1Chat, "/api/v1/chat/completions", { json: body, headers });
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
      const second = await call(v1Chat, "/api/v1/chat/completions", { json: body, headers });
      expect(second.headers.get("x-cache")).toBe("HIT");
      expect(second.headers.get("x-route-cost-usd")).toBe("0.00000000");
    },
  );

  routerTest(
    "bad input gets exact 4xx envelopes; keys without write scope and anonymous callers are refused",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("bad");
      const headers = { authorization: `Bearer ${await apiKey(cookie)}` };
      const post = (json: unknown, h = headers) =>
        call(v1Chat, "/api/v1/chat/completions", { json, headers: h });

      const tools = await post({
        model: "auto",
        messages: [{ role: "user", content: "x" }],
        tools: [{ type: "function", function: { name: "f" } }],
      });
      expect(tools.status).toBe(422);
      expect((await tools.json()).error.details.fields).toEqual([
        expect.objectContaining({
          field: "tools",
          message: expect.stringContaining("function calling is not supported"),
        }),
      ]);

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
        expect(res.status).toBe(422);
        expect((await res.json()).error.details.fields[0].field).toMatch(new RegExp(`^${field}`));
      }

      const noMessages = await post({ model: "auto", messages: [] });
      expect(noMessages.status).toBe(422);
      expect((await noMessages.json()).error.details.fields[0]).toMatchObject({
        field: "messages",
      });

      const unknownModel = await post({
        model: "no-such-model",
        messages: [{ role: "user", content: "x" }],
      });
      expect(unknownModel.status).toBe(422);
      expect(await unknownModel.json()).toMatchObject({
        error: {
          code: "validation",
          details: {
            fields: [
              {
                field: "model",
                message: expect.stringContaining('"no-such-model" is not available'),
              },
            ],
          },
        },
      });

      const malformed = await call(v1Chat, "/api/v1/chat/completions", {
        body: "{not json",
        headers: { ...headers, "content-type": "application/json" },
      });
      expect(malformed.status).toBe(400);

      const readOnly = await post(
        { model: "auto", messages: [{ role: "user", content: "x" }] },
        { authorization: `Bearer ${await apiKey(cookie, ["read"])}` },
      );
      expect(readOnly.status).toBe(403);
      expect((await readOnly.json()).error.message).toMatch(/write/);

      const anonymous = await call(v1Chat, "/api/v1/chat/completions", {
        json: { model: "auto", messages: [{ role: "user", content: "x" }] },
      });
      expect(anonymous.status).toBe(401);
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
        call(v1Chat, "/api/v1/chat/completions", {
          json: { model: "auto", messages: [{ role: "user", content: "count me" }] },
          headers,
        });
      const remaining = (r: Response) => Number(r.headers.get("x-ratelimit-remaining"));
      const a = await ask();
      const b = await ask();
      expect(a.headers.get("x-ratelimit-limit")).toBe("300");
      expect(remaining(a) - remaining(b)).toBe(1);
      const list = await call(v1Models, "/api/v1/models", { headers });
      expect(remaining(list)).toBe(298); // its own budget (creating the key spent 1): the AI calls did not spend it
    },
  );

  routerTest("every provider failing → 502 upstream naming the attempts", async ({ install }) => {
    await install(fake, { AI_RETRIES: "0" });
    const { cookie } = await signedInUser("down");
    fake.queueFaults(
      ...Array.from({ length: 6 }, () => ({ kind: "status" as const, status: 503 })),
    );
    const res = await call(v1Chat, "/api/v1/chat/completions", {
      json: { model: "auto", messages: [{ role: "user", content: "anyone?" }] },
      headers: { authorization: `Bearer ${await apiKey(cookie)}` },
    });
    fake.clearFaults();
    expect(res.status).toBe(502);
    const body = await res.json();
    expect(body.error.code).toBe("upstream");
    // Every configured model that fits was tried, cheapest-first for chat, each after one failure.
    expect(body.error.details.attempts).toEqual([
      { model: "gpt-4o-mini", errorClass: "server_error" },
      { model: "claude-3-5-haiku-latest", errorClass: "server_error" },
      { model: "gpt-4o", errorClass: "server_error" },
      { model: "claude-3-5-sonnet-latest", errorClass: "server_error" },
    ]);
  });
});

describe("the app's chat API and conversations", () => {
  routerTest(
    "a conversation: streamed turn saved with its badge, listed, continued with history, regenerated with another model, renamed, deleted",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("chat");
      const res = await call(aiChat, "/api/ai/chat", {
        json: { content: "What is 2 + 2?", stream: true },
        cookie,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
      const events = await sse(res);
      expect(events[0]).toMatchObject({
        event: "meta",
        data: {
          conversation: { title: "What is 2 + 2?" },
          userMessage: { role: "user" },
          decision: { taskType: "chat" },
        },
      });
      expect(
        events
          .filter((e) => e.event === "delta")
          .map((e) => (e.data as { text: string }).text)
          .join(""),
      ).toBe("echo: What is 2 + 2?");
      const saved = events.find((e) => e.event === "saved")?.data as {
        message: { id: string; meta: Record<string, unknown> };
      };
      expect(saved.message.meta).toMatchObject({
        taskType: "chat",
        model: "gpt-4o-mini",
        cache: "miss",
        costUsd: expect.any(Number),
        ttftMs: expect.any(Number),
      });
      const conversationId = (events[0]!.data as { conversation: { id: string } }).conversation.id;

      const second = await call(aiChat, "/api/ai/chat", {
        json: { conversationId, content: "And times 3?" },
        cookie,
      });
      expect(second.status).toBe(200);
      expect((await second.json()).message.content).toBe("echo: And times 3?");
      expect(fake.calls.at(-1)?.body.messages?.map((m) => m.role)).toEqual([
        "user",
        "assistant",
        "user",
      ]);

      const again = await call(aiChat, "/api/ai/chat", {
        json: { conversationId, regenerate: true, model: "claude-3-5-sonnet-latest" },
        cookie,
      });
      expect((await again.json()).message.meta).toMatchObject({
        model: "claude-3-5-sonnet-latest",
      });

      const list = await (await call(listConversations, "/api/conversations", { cookie })).json();
      expect(list.conversations.map((c: { id: string }) => c.id)).toContain(conversationId);
      const detail = await (
        await call(getConversation, `/api/conversations/${conversationId}`, {
          cookie,
          params: { id: conversationId },
        })
      ).json();
      expect(detail.messages.map((m: { role: string }) => m.role)).toEqual([
        "user",
        "assistant",
        "user",
        "assistant",
        "assistant",
      ]);

      const renamed = await call(renameConversation, `/api/conversations/${conversationId}`, {
        method: "PATCH",
        json: { title: "Arithmetic" },
        cookie,
        params: { id: conversationId },
      });
      expect((await renamed.json()).conversation.title).toBe("Arithmetic");

      const other = await signedInUser("other");
      for (const handler of [getConversation, deleteConversation]) {
        const res = await call(handler, `/api/conversations/${conversationId}`, {
          method: handler === getConversation ? "GET" : "DELETE",
          cookie: other.cookie,
          params: { id: conversationId },
        });
        expect(res.status).toBe(404);
      }
      const theirTurn = await call(aiChat, "/api/ai/chat", {
        json: { conversationId, content: "let me in" },
        cookie: other.cookie,
      });
      expect(theirTurn.status).toBe(404);
      const theirs = await call(aiChat, "/api/ai/chat", {
        json: { conversationId: "not-a-uuid", content: "x" },
        cookie: other.cookie,
      });
      expect(theirs.status).toBe(422);

      expect(
        (
          await call(deleteConversation, `/api/conversations/${conversationId}`, {
            method: "DELETE",
            cookie,
            params: { id: conversationId },
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await call(getConversation, `/api/conversations/${conversationId}`, {
            cookie,
            params: { id: conversationId },
          })
        ).status,
      ).toBe(404);
    },
  );

  routerTest(
    "a conversation filed under a project continues only while the caller may edit the project",
    async ({ db, install }) => {
      await install(fake);
      const { cookie, user } = await signedInUser("proj");
      const { projects, projectMembers } = await import("@/db/schema");
      const { and, eq } = await import("drizzle-orm");
      const [project] = await db.insert(projects).values({ name: "P" }).returning();
      await db
        .insert(projectMembers)
        .values({ projectId: project!.id, userId: user.id, role: "editor" });
      const first = await call(aiChat, "/api/ai/chat", {
        json: { content: "in a project", projectId: project!.id },
        cookie,
      });
      expect(first.status).toBe(200);
      const { conversation } = await first.json();
      expect(conversation.projectId).toBe(project!.id);
      await db
        .update(projectMembers)
        .set({ role: "viewer" })
        .where(and(eq(projectMembers.projectId, project!.id), eq(projectMembers.userId, user.id)));
      const next = await call(aiChat, "/api/ai/chat", {
        json: { conversationId: conversation.id, content: "still here?" },
        cookie,
      });
      expect(next.status).toBe(403);
      expect((await next.json()).error.message).toMatch(/no longer have edit access/);
    },
  );

  routerTest(
    "stateless messages mode, bad shapes, and the models/provider status endpoint",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("stateless");
      const ok = await call(aiChat, "/api/ai/chat", {
        json: {
          messages: [
            { role: "system", content: "be brief" },
            { role: "user", content: "hi" },
          ],
          taskType: "extraction",
        },
        cookie,
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({
        text: "echo: hi",
        decision: {
          taskType: "extraction",
          confidence: 1,
          reason: expect.stringContaining("given by the caller"),
        },
      });

      const empty = await call(aiChat, "/api/ai/chat", { json: { stream: true }, cookie });
      expect(empty.status).toBe(422);
      expect((await empty.json()).error.details.fields).toEqual([
        expect.objectContaining({ field: "content", message: "is required" }),
      ]);
      const badTask = await call(aiChat, "/api/ai/chat", {
        json: { content: "x", taskType: "poetry" },
        cookie,
      });
      expect(badTask.status).toBe(422);
      expect((await badTask.json()).error.details.fields[0].field).toBe("taskType");
      const array = await call(aiChat, "/api/ai/chat", { json: [1, 2], cookie });
      expect(array.status).toBe(422);

      // Charging another user's project (or a made-up one) looks the same: 404.
      const foreign = await call(aiChat, "/api/ai/chat", {
        json: {
          messages: [{ role: "user", content: "x" }],
          projectId: "00000000-0000-4000-8000-000000000000",
        },
        cookie,
      });
      expect(foreign.status).toBe(404);
      expect((await foreign.json()).error.message).toBe("Project not found.");

      const models = await (await call(aiModels, "/api/ai/models", { cookie })).json();
      expect(models.providers.find((p: { id: string }) => p.id === "google")).toMatchObject({
        configured: false,
        setup: expect.stringContaining("GOOGLE_GENERATIVE_AI_API_KEY"),
      });
      expect(models.providers.find((p: { id: string }) => p.id === "openai")).toMatchObject({
        configured: true,
        circuit: "closed",
      });
    },
  );
});
