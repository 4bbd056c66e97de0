import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, vi } from "vitest";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { chatMessages } from "@/db/schema";
import { ChatTurnOutput } from "@/lib/chat/schemas";
import { signedInUser } from "../helpers/auth";
import type { FakeProvider } from "../helpers/fake-provider";
import { call, request } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

const messagesOf = async (cookie: string, id: string) =>
  (
    await (
      await call(getConversation, `/api/conversations/${id}`, { cookie, params: { id } })
    ).json()
  ).messages as { role: string; content: string; meta: Record<string, unknown> }[];

describe("a new conversation whose id the client chose", () => {
  routerTest(
    "a first turn stopped before its first token and the next question land in one conversation",
    async ({ db, install }) => {
      await install(fake);
      const { cookie } = await signedInUser("early-stop");
      const id = randomUUID();
      fake.queueFaults({ kind: "hang" }); // the provider never sends a first token
      const stop = new AbortController();
      const req = new Request(
        request("/api/ai/chat", {
          json: { newConversationId: id, content: "first question", stream: true },
          cookie,
        }),
        { signal: stop.signal },
      );
      const first = aiChat(req, { params: Promise.resolve({}) });
      // The question is stored before the provider is asked; the client stops while it waits.
      await vi.waitFor(async () =>
        expect(
          await db.select().from(chatMessages).where(eq(chatMessages.conversationId, id)),
        ).toHaveLength(1),
      );
      stop.abort();
      expect((await first).status).toBe(400);

      const next = await call(aiChat, "/api/ai/chat", {
        json: { newConversationId: id, content: "second question" },
        cookie,
      });
      expect(next.status).toBe(200);
      const turn = ChatTurnOutput.parse(await next.json());
      expect(turn.conversation).toMatchObject({ id, title: "first question" });
      expect(turn.message.content).toBe("echo: second question");
      // The model saw both questions: it is one thread.
      expect(fake.calls.at(-1)?.body.messages?.map((m) => m.content)).toEqual([
        "first question",
        "second question",
      ]);

      const list = await (await call(listConversations, "/api/conversations", { cookie })).json();
      expect(list.conversations.map((c: { id: string }) => c.id)).toEqual([id]);
      expect((await messagesOf(cookie, id)).map((m) => [m.role, m.content])).toEqual([
        ["user", "first question"],
        ["user", "second question"],
        ["assistant", "echo: second question"],
      ]);
    },
  );

  routerTest(
    "the id cannot reach someone else's conversation, cannot be combined with conversationId, and a retry says it is one",
    async ({ install }) => {
      await install(fake);
      const owner = await signedInUser("owner");
      const id = randomUUID();
      const made = await call(aiChat, "/api/ai/chat", {
        json: { newConversationId: id, content: "mine" },
        cookie: owner.cookie,
      });
      expect(made.status).toBe(200);

      const other = await signedInUser("intruder");
      const hijack = await call(aiChat, "/api/ai/chat", {
        json: { newConversationId: id, content: "let me in" },
        cookie: other.cookie,
      });
      expect(hijack.status).toBe(404);
      expect((await hijack.json()).error.message).toBe("Conversation not found.");
      expect((await messagesOf(owner.cookie, id)).map((m) => m.content)).toEqual([
        "mine",
        "echo: mine",
      ]);

      const both = await call(aiChat, "/api/ai/chat", {
        json: { newConversationId: id, conversationId: id, content: "x" },
        cookie: owner.cookie,
      });
      expect(both.status).toBe(422);
      expect((await both.json()).error.details.fields).toEqual([
        expect.objectContaining({
          field: "newConversationId",
          message: "cannot be combined with conversationId",
        }),
      ]);
      const malformed = await call(aiChat, "/api/ai/chat", {
        json: { newConversationId: "nope", content: "x" },
        cookie: owner.cookie,
      });
      expect(malformed.status).toBe(422);
      // Answering again needs a question to answer: no empty conversation is made for it.
      const ghost = randomUUID();
      const retryNothing = await call(aiChat, "/api/ai/chat", {
        json: { newConversationId: ghost, regenerate: true },
        cookie: owner.cookie,
      });
      expect(retryNothing.status).toBe(404);
      const list = await (
        await call(listConversations, "/api/conversations", { cookie: owner.cookie })
      ).json();
      expect(list.conversations.map((c: { id: string }) => c.id)).toEqual([id]);

      const retried = await call(aiChat, "/api/ai/chat", {
        json: { conversationId: id, regenerate: true, model: "claude-3-5-sonnet-latest" },
        cookie: owner.cookie,
      });
      expect((await retried.json()).message.meta).toMatchObject({
        model: "claude-3-5-sonnet-latest",
        retry: { model: "claude-3-5-sonnet-latest" },
      });
      const [, first] = await messagesOf(owner.cookie, id);
      expect(first!.meta.retry).toBeUndefined();
    },
  );

  routerTest(
    "an answer after a fallback records which model failed and why",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("fallback");
      fake.queueFaults({ kind: "status", status: 404 }); // gpt-4o-mini is unknown to its provider
      const res = await call(aiChat, "/api/ai/chat", {
        json: { content: "hello after a fallback", stream: true },
        cookie,
      });
      const text = await res.text();
      const saved = /event: saved\ndata: (.*)/.exec(text)?.[1];
      expect(JSON.parse(saved!).message.meta).toMatchObject({
        model: "claude-3-5-haiku-latest",
        fallbacks: 1,
        fallbacksTried: [{ model: "gpt-4o-mini", errorClass: "model_not_found" }],
      });
    },
  );
});
