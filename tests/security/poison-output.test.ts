import { afterAll, beforeAll, describe, expect } from "vitest";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { signedInUser } from "../helpers/auth";
import { startFakeProvider, type FakeProvider } from "../helpers/fake-provider";
import { call } from "../helpers/http";
import { routerTest } from "../helpers/router";

// What a model answers is not under the app's control: a NUL or a lone surrogate in it (a user
// can ask for one) must not fail the insert, answer 500 and leave a half-written conversation.
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({
    apiKey: "sk-test",
    respond: () => "bad \u0000 answer \ud800 end",
  });
});
afterAll(() => fake.close());

const conversation = async (id: string, cookie: string) =>
  (await (
    await call(getConversation, `/api/conversations/${id}`, { cookie, params: { id } })
  ).json()) as {
    conversation: { title: string };
    messages: { role: string; content: string }[];
  };

describe("model output no database can hold", () => {
  routerTest(
    "is stored with U+FFFD in place, answered and saved, streamed or not",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("poison-out");
      const plain = await call(aiChat, "/api/ai/chat", { json: { content: "say it" }, cookie });
      expect(plain.status).toBe(200);
      const body = (await plain.json()) as { conversation: { id: string } };
      const saved = await conversation(body.conversation.id, cookie);
      expect(saved.messages.map((m) => [m.role, m.content])).toEqual([
        ["user", "say it"],
        ["assistant", "bad \uFFFD answer \uFFFD end"],
      ]);

      const streamed = await call(aiChat, "/api/ai/chat", {
        json: { content: "again", stream: true, conversationId: body.conversation.id },
        cookie,
      });
      expect(streamed.status).toBe(200);
      expect(await streamed.text()).toContain("event: saved");
      expect((await conversation(body.conversation.id, cookie)).messages).toHaveLength(4);
    },
  );

  routerTest(
    "a title cut at 80 characters keeps an emoji at the edge whole",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("emoji-title");
      const content = `${"a".repeat(79)}😀 and the rest`;
      const res = await call(aiChat, "/api/ai/chat", { json: { content }, cookie });
      const { conversation: made } = (await res.json()) as { conversation: { id: string } };
      expect((await conversation(made.id, cookie)).conversation.title).toBe(`${"a".repeat(79)}😀`);
    },
  );
});
