import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect } from "vitest";
import { POST as aiChat } from "@/app/api/ai/chat/route";
import { POST as createProject } from "@/app/api/projects/route";
import { PATCH as updateProject } from "@/app/api/projects/[id]/route";
import { signedInUser } from "../helpers/auth";
import type { FakeProvider } from "../helpers/fake-provider";
import { call } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";

const provider = useFakeProvider();
let fake: FakeProvider;
beforeAll(() => {
  fake = provider();
});

const ARCHIVED = {
  error: {
    code: "conflict",
    message: "This project is archived; restore it to change it.",
  },
};

describe("an archived project takes no new chat", () => {
  routerTest(
    "filing a new chat under it, continuing one filed there, and a stateless call charged to it are 409",
    async ({ install }) => {
      await install(fake);
      const { cookie } = await signedInUser("archived-chat");
      const made = await call(createProject, "/api/projects", { cookie, json: { name: "Old" } });
      const projectId = (await made.json()).project.id as string;
      const chat = (json: unknown) => call(aiChat, "/api/ai/chat", { cookie, json });

      const filed = await chat({ newConversationId: randomUUID(), content: "hi", projectId });
      expect(filed.status).toBe(200);
      const conversationId = (await filed.json()).conversation.id as string;
      expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

      const archive = await call(updateProject, `/api/projects/${projectId}`, {
        cookie,
        method: "PATCH",
        json: { archived: true },
        params: { id: projectId },
      });
      expect(archive.status).toBe(200);
      const calls = fake.calls.length;

      for (const body of [
        { newConversationId: randomUUID(), content: "again", projectId },
        { conversationId, content: "more" },
        { messages: [{ role: "user", content: "stateless" }], projectId },
      ]) {
        const res = await chat(body);
        expect(res.status).toBe(409);
        expect(await res.json()).toMatchObject(ARCHIVED);
      }
      expect(fake.calls.length).toBe(calls); // refused before any provider call
    },
  );
});
