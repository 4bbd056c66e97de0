import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, vi } from "vitest";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { POST as stopTurn } from "@/app/api/ai/chat/stop/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { chatMessages } from "@/db/schema";
import { signedInUser } from "../helpers/auth";
import { lastUserText, type FakeProvider } from "../helpers/fake-provider";
import { call, request } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";

const STORY = Array.from({ length: 200 }, (_, i) => `Sentence ${i + 1}.`).join(" ");
const provider = useFakeProvider({
  apiKey: "sk-test",
  chunkDelayMs: 10,
  respond: (body) =>
    /long story/.test(lastUserText(body)) ? STORY : `echo: ${lastUserText(body)}`,
});
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a streamed turn frame by frame, as the chat page does. */
function frames(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const seen: SseEvent[] = [];
  async function next(): Promise<SseEvent | undefined> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end !== -1) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
        const e = { event, data: JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as SseEvent["data"] };
        seen.push(e);
        return e;
      }
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffer += value;
    }
  }
  return {
    seen,
    next,
    /** Reads until `n` deltas have arrived. */
    async deltas(n: number) {
      while (seen.filter((e) => e.event === "delta").length < n) await next();
    },
    async rest() {
      while (await next());
      return seen;
    },
    text: () =>
      seen
        .filter((e) => e.event === "delta")
        .map((e) => e.data.text)
        .join(""),
    cancel: () => reader.cancel(),
  };
}

const messagesOf = async (cookie: string, id: string) =>
  (
    (await (
      await call(getConversation, `/api/conversations/${id}`, { cookie, params: { id } })
    ).json()) as { messages: { role: string; content: string; meta: { error?: object } }[] }
  ).messages;

async function startStory(cookie: string, init?: RequestInit) {
  const req = new Request(
    request("/api/ai/chat", { json: { content: "Tell a long story", stream: true }, cookie }),
    init,
  );
  const res = await aiChat(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  const stream = frames(res);
  const meta = (await stream.next())!;
  expect(meta.event).toBe("meta");
  const { turnId, conversation } = meta.data as { turnId: string; conversation: { id: string } };
  expect(turnId).toMatch(/^[0-9a-f-]{36}$/);
  return { stream, turnId, conversationId: conversation.id };
}

const stop = (cookie: string | undefined, json: unknown) =>
  call(stopTurn, "/api/ai/chat/stop", { json, cookie });

describe("stopping a streamed answer", () => {
  routerTest(
    "Stop ends the stream at once with the text so far stored as stopped, in its place before the next question",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("stopper");
      const { stream, turnId, conversationId } = await startStory(cookie);
      await stream.deltas(3);

      const stopped = await stop(cookie, { turnId });
      expect(stopped.status).toBe(200);
      expect(await stopped.json()).toEqual({ stopped: true });
      const events = await stream.rest();
      const last = events.at(-1)!;
      expect(events.map((e) => e.event)).not.toContain("done");
      expect(last.event).toBe("saved");
      // What is stored is exactly what the client was sent, marked as stopped, with its badge.
      const message = last.data.message as { content: string; meta: Record<string, unknown> };
      expect(message.content).toBe(stream.text());
      expect(message.content).not.toContain("Sentence 200.");
      expect(message.meta).toMatchObject({
        model: expect.any(String),
        error: { code: "cancelled" },
      });
      // Stored before the stream ended: the next question comes after it, and so does a reload.
      const next = await call(aiChat, "/api/ai/chat", {
        json: { conversationId, content: "And now a short one" },
        cookie,
      });
      expect(next.status).toBe(200);
      expect(
        (await messagesOf(cookie, conversationId)).map((m) => [m.role, m.content, m.meta.error]),
      ).toEqual([
        ["user", "Tell a long story", undefined],
        ["assistant", message.content, expect.objectContaining({ code: "cancelled" })],
        ["user", "And now a short one", undefined],
        ["assistant", "echo: And now a short one", undefined],
      ]);
      // Once stopped, it is gone from the running turns.
      expect((await stop(cookie, { turnId })).status).toBe(404);
    },
  );

  routerTest(
    "only its owner can stop an answer, and only while it streams here: anyone else, an unknown or a bad id, no session",
    async ({ install }) => {
      await install(fake);
      const owner = await signedInUser("stop-owner");
      const other = await signedInUser("stop-other");
      const { stream, turnId } = await startStory(owner.cookie);
      await stream.deltas(1);

      const theirs = await stop(other.cookie, { turnId });
      expect(theirs.status).toBe(404);
      expect(await theirs.json()).toMatchObject({ error: { code: "not_found" } });
      expect((await stop(owner.cookie, { turnId: crypto.randomUUID() })).status).toBe(404);
      const malformed = await stop(owner.cookie, { turnId: "nope" });
      expect(malformed.status).toBe(422);
      expect(await malformed.json()).toMatchObject({
        error: { code: "validation", details: { fields: [{ field: "turnId" }] } },
      });
      expect((await stop(undefined, { turnId })).status).toBe(401);
      // The owner's answer was not stopped by any of those.
      const before = stream.text().length;
      await stream.deltas(stream.seen.filter((e) => e.event === "delta").length + 2);
      expect(stream.text().length).toBeGreaterThan(before);
      expect((await stop(owner.cookie, { turnId })).status).toBe(200);
      expect((await stream.rest()).at(-1)!.event).toBe("saved");
    },
  );

  routerTest(
    "a client that leaves without Stop still gets the text it was sent kept as stopped",
    async ({ db, install }) => {
      await install(fake);
      const { cookie } = await signedInUser("leaver");
      const leave = new AbortController();
      const { stream, turnId, conversationId } = await startStory(cookie, {
        signal: leave.signal,
      });
      await stream.deltas(3);
      leave.abort();
      await stream.cancel();
      await vi.waitFor(async () => {
        const rows = await db
          .select()
          .from(chatMessages)
          .where(eq(chatMessages.conversationId, conversationId));
        expect(rows.map((r) => [r.role, r.meta.error?.code])).toEqual([
          ["user", undefined],
          ["assistant", "cancelled"],
        ]);
        expect(rows[1]!.content.startsWith(stream.text())).toBe(true);
      });
      expect((await stop(cookie, { turnId })).status).toBe(404);
    },
  );
});
