import { beforeAll, describe, expect } from "vitest";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { GET as aiModels } from "@/app/api/ai/models/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import {
  DELETE as deleteConversation,
  GET as getConversation,
  PATCH as renameConversation,
} from "@/app/api/conversations/[id]/route";
import { CompletionOutput } from "@/lib/ai/schemas";
import {
  ChatTurnOutput,
  ConversationOutput,
  GetConversationOutput,
  ListConversationsOutput,
} from "@/lib/chat/schemas";
import { signedInUser } from "../helpers/auth";
import type { FakeProvider } from "../helpers/fake-provider";
import { call } from "../helpers/http";
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
      const turn = await second.json();
      expect(ChatTurnOutput.parse(turn)).toEqual(turn);
      expect(turn.message.content).toBe("echo: And times 3?");
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
      expect(ListConversationsOutput.parse(list)).toEqual(list);
      expect(list.conversations.map((c: { id: string }) => c.id)).toContain(conversationId);
      const detail = await (
        await call(getConversation, `/api/conversations/${conversationId}`, {
          cookie,
          params: { id: conversationId },
        })
      ).json();
      expect(GetConversationOutput.parse(detail)).toEqual(detail);
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
      const renamedBody = await renamed.json();
      expect(ConversationOutput.parse(renamedBody)).toEqual(renamedBody);
      expect(renamedBody.conversation.title).toBe("Arithmetic");

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
      const completion = await ok.json();
      expect(CompletionOutput.parse(completion)).toEqual(completion);
      expect(completion).toMatchObject({
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
