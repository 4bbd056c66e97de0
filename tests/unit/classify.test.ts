import { describe, expect, it } from "vitest";
import { classifyTask } from "@/lib/ai/classify";
import type { ChatMessage, TaskType } from "@/lib/ai/task-types";

const user = (content: string): ChatMessage[] => [{ role: "user", content }];

describe("classifyTask", () => {
  it.each<[string, TaskType]>([
    ["Hi! How are you today?", "chat"],
    ["What's a good name for a cat?", "creative"],
    ["Why does this throw?\n```js\nconst x = undefined.foo;\n```", "code"],
    ["Write a Python function that reverses a linked list", "code"],
    ["TypeError: Cannot read properties of undefined (reading 'map') — how do I fix it?", "code"],
    ["Summarize this article in three bullet points: The council met on Monday…", "summarize"],
    ["tl;dr please", "summarize"],
    [
      "Extract all email addresses and dates from the text below and return them as JSON",
      "extraction",
    ],
    ["Parse this invoice into fields: vendor, total, due date", "extraction"],
    ["Compare PostgreSQL and MySQL for a write-heavy workload: pros and cons", "analysis"],
    ["Our conversion dropped 12% after the release. Analyze the likely root cause.", "analysis"],
    ["Write a short poem about autumn in Kyoto", "creative"],
    ["Brainstorm ten slogans for a bakery", "creative"],
  ])("%s → %s", (text, expected) => {
    expect(classifyTask(user(text)).taskType).toBe(expected);
  });

  it("reads the last user message, not earlier turns", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "Write a poem about the sea" },
      { role: "assistant", content: "The sea…" },
      { role: "user", content: "Now summarize it in two sentences" },
    ];
    expect(classifyTask(messages).taskType).toBe("summarize");
  });

  it("counts the system prompt, at a lower weight", () => {
    const withSystem: ChatMessage[] = [
      {
        role: "system",
        content: "You are a senior TypeScript engineer who reviews code and debugs.",
      },
      { role: "user", content: "Look at this please" },
    ];
    expect(classifyTask(withSystem)).toMatchObject({
      taskType: "code",
      reason: expect.stringContaining("(system prompt)"),
    });
  });

  it("explains itself and reports a confidence in 0..1", () => {
    const c = classifyTask(user("Extract all names as JSON"));
    expect(c.reason).toContain("asks to extract");
    expect(c.reason).toContain("structured output");
    expect(c.confidence).toBeGreaterThan(0.5);
    expect(c.confidence).toBeLessThanOrEqual(0.95);
    expect(classifyTask(user("hello")).reason).toBe("no task signals; general chat");
  });

  it("finds the ask at either end of a huge message (only the edges are scanned)", () => {
    const filler = "The council met on Monday to discuss the budget. ".repeat(2000);
    expect(classifyTask(user(`${filler}\nSummarize the above in two sentences.`)).taskType).toBe(
      "summarize",
    );
    expect(classifyTask(user(`Extract every date as JSON from this:\n${filler}`)).taskType).toBe(
      "extraction",
    );
  });

  it("is deterministic", () => {
    const text = "Compare these two functions and explain the trade-offs ```a()``` ```b()```";
    expect(classifyTask(user(text))).toEqual(classifyTask(user(text)));
  });
});
