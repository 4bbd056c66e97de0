import { describe, expect, it } from "vitest";
import {
  chatReducer,
  initialChat,
  newConversationId,
  PENDING_ID,
  type ChatState,
} from "@/components/chat/chat-state";
import { failedLabel } from "@/components/chat/route-words";
import type { ChatMessageView, RouteDecision } from "@/components/chat/types";
import { parseChoice } from "@/components/chat/use-composer-choice";

const NOW = "2026-01-01T00:00:00.000Z";
const decision: RouteDecision = {
  taskType: "chat",
  confidence: 0.6,
  reason: "general chat",
  model: "claude-3-5-haiku-latest",
  provider: "anthropic",
  fallbacksTried: [{ model: "gpt-4o-mini", errorClass: "model_not_found" }],
  cache: "miss",
};
const stored = (id: string, role: "user" | "assistant", content: string): ChatMessageView => ({
  id,
  role,
  content,
  meta: {},
  createdAt: NOW,
});
const run = (s: ChatState, ...actions: Parameters<typeof chatReducer>[1][]) =>
  actions.reduce(chatReducer, s);

describe("the chat's state", () => {
  it("an id the server does not know (reloaded before its first turn arrived) starts fresh under that id", () => {
    const id = newConversationId();
    const s = run(initialChat(id), { type: "notOnServer", id });
    expect(s).toMatchObject({ activeId: id, fresh: true, error: null, threadFor: id });
    // The next question names it as new, and stays in the same thread.
    const next = run(s, { type: "turnStarted", id, text: "again", now: NOW });
    expect(next.activeId).toBe(id);
    expect(next.messages.map((m) => m.content)).toEqual(["again", ""]);
  });

  it("a new chat takes its id at the first question and keeps it when stopped before any token", () => {
    const id = newConversationId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const s = run(
      initialChat(),
      { type: "turnStarted", id, text: "first", now: NOW },
      { type: "stopped", id, at: 1 },
      { type: "turnEnded", id },
    );
    expect(s).toMatchObject({ activeId: id, fresh: true, threadFor: id });
    expect(s.streaming).toBeUndefined();
    expect(s.messages.map((m) => [m.role, m.content, m.meta.error?.code])).toEqual([
      ["user", "first", undefined],
      ["assistant", "", "cancelled"],
    ]);
    // The next question goes to the same conversation; once the server answers, it is confirmed.
    const next = run(
      s,
      { type: "turnStarted", id, text: "second", now: NOW },
      { type: "meta", id, userMessage: stored("u2", "user", "second"), decision },
      { type: "delta", id, text: "echo" },
    );
    expect(next).toMatchObject({ activeId: id, fresh: false, streaming: id });
    expect(next.messages).toHaveLength(4);
    expect(next.messages.at(-1)).toMatchObject({
      id: PENDING_ID,
      content: "echo",
      meta: { model: "claude-3-5-haiku-latest", fallbacksTried: decision.fallbacksTried },
    });
    const saved = run(next, { type: "saved", id, message: stored("a2", "assistant", "echo") });
    expect(saved.messages.map((m) => [m.id, m.content])).toEqual([
      ["question-1", "first"],
      ["stopped-1", ""],
      ["u2", "second"],
      ["a2", "echo"],
    ]);
  });

  it("a turn's events are dropped once another conversation is open; a failure keeps the question", () => {
    const s = run(
      initialChat("a"),
      { type: "loaded", id: "a", messages: [stored("q", "user", "hi")] },
      { type: "turnStarted", id: "a", text: "more", now: NOW },
      { type: "open", id: "b" },
      { type: "delta", id: "a", text: "late" },
      { type: "turnEnded", id: "a" },
    );
    expect(s).toMatchObject({ activeId: "b", fresh: false, messages: [] });
    expect(s.streaming).toBeUndefined();
    expect(run(s, { type: "loaded", id: "a", messages: [] }).threadFor).toBeUndefined();

    const failed = run(
      initialChat("a"),
      { type: "loaded", id: "a", messages: [] },
      { type: "turnStarted", id: "a", text: "q", now: NOW },
      { type: "failed", id: "a", error: "Every provider failed." },
    );
    expect(failed.error).toBe("Every provider failed.");
    expect(failed.messages.map((m) => m.content)).toEqual(["q"]);
    // Opening the same conversation again changes nothing; a new chat starts empty.
    expect(chatReducer(failed, { type: "open", id: "a" })).toBe(failed);
    expect(chatReducer(failed, { type: "open", id: undefined })).toEqual(initialChat());
  });

  it("the pickers' stored choice falls back to Auto for what no longer exists", () => {
    const models = [{ id: "gpt-4o" }, { id: "claude-3-5-sonnet-latest" }] as Parameters<
      typeof parseChoice
    >[1];
    const raw = JSON.stringify({ model: "claude-3-5-sonnet-latest", taskType: "code" });
    expect(parseChoice(raw, models)).toEqual({
      model: "claude-3-5-sonnet-latest",
      taskType: "code",
    });
    expect(parseChoice(raw, null)).toEqual({ model: "claude-3-5-sonnet-latest", taskType: "code" });
    expect(parseChoice(JSON.stringify({ model: "gone", taskType: "poetry" }), models)).toEqual({
      model: "auto",
      taskType: "auto",
    });
    for (const bad of [null, "", "{", "[]", '"x"'])
      expect(parseChoice(bad, models)).toEqual({ model: "auto", taskType: "auto" });
  });

  it("the fallback badge names the models that failed, or counts them for older answers", () => {
    expect(failedLabel({ fallbacks: 1, fallbacksTried: decision.fallbacksTried })).toBe(
      "gpt-4o-mini failed",
    );
    expect(
      failedLabel({
        fallbacksTried: [
          { model: "a", errorClass: "timeout" },
          { model: "b", errorClass: "server_error" },
        ],
      }),
    ).toBe("a and b failed");
    expect(failedLabel({ fallbacks: 2 })).toBe("2 fallbacks");
    expect(failedLabel({ fallbacks: 0, fallbacksTried: [] })).toBeNull();
  });
});
