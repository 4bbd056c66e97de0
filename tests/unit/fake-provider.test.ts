import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "../helpers/fake-provider";

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: "sk-test" });
});
afterAll(() => fake.close());

const openai = (body: object, key = "sk-test") =>
  fetch(`${fake.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
const anthropic = (body: object) =>
  fetch(`${fake.url}/v1/messages`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-api-key": "sk-test",
      "anthropic-version": "2023-06-01",
    },
    body: JSON.stringify(body),
  });
const ask = { model: "gpt-test", messages: [{ role: "user", content: "hello there world" }] };

/** SSE frames as [event, data] pairs. */
async function frames(res: Response): Promise<[string | null, string][]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? null;
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
      return [event, data];
    });
}

describe("fake provider: OpenAI chat completions", () => {
  it("answers JSON with usage, and records the call", async () => {
    const res = await openai(ask);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "gpt-test",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "echo: hello there world" },
          finish_reason: "stop",
        },
      ],
    });
    expect(body.usage).toEqual({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    expect(fake.calls.at(-1)).toMatchObject({
      path: "/v1/chat/completions",
      apiKey: "sk-test",
      body: { model: "gpt-test" },
    });
  });

  it("streams SSE chunks, usage last when asked, then [DONE]", async () => {
    const res = await openai({ ...ask, stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const data = (await frames(res)).map(([, d]) => d);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe(
      "echo: hello there world",
    );
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 4 },
    });
  });

  it("refuses a wrong key in the provider's error format", async () => {
    const res = await openai(ask, "sk-wrong");
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({ type: "authentication_error" });
  });
});

describe("fake provider: Anthropic messages", () => {
  it("answers JSON with usage", async () => {
    const res = await anthropic({
      model: "claude-test",
      max_tokens: 100,
      system: "be brief",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(await res.json()).toMatchObject({
      type: "message",
      role: "assistant",
      content: [{ type: "text", text: "echo: hi" }],
      stop_reason: "end_turn",
      usage: { input_tokens: 3, output_tokens: 2 },
    });
  });

  it("streams the message event sequence", async () => {
    const res = await anthropic({
      model: "claude-test",
      max_tokens: 100,
      stream: true,
      messages: [{ role: "user", content: [{ type: "text", text: "hi you" }] }],
    });
    const events = await frames(res);
    expect(events.map(([e]) => e)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const text = events
      .filter(([e]) => e === "content_block_delta")
      .map(([, d]) => JSON.parse(d).delta.text)
      .join("");
    expect(text).toBe("echo: hi you");
    expect(JSON.parse(events.at(-2)![1])).toMatchObject({
      delta: { stop_reason: "end_turn" },
      usage: { output_tokens: 3 },
    });
  });
});

describe("fake provider: faults", () => {
  it("injects 500 and 429 with retry-after, in provider formats, then recovers", async () => {
    fake.queueFaults(
      { kind: "status", status: 500 },
      { kind: "status", status: 429, retryAfterSeconds: 2 },
    );
    const first = await openai(ask);
    expect(first.status).toBe(500);
    expect((await first.json()).error.type).toBe("api_error");
    const second = await anthropic({
      model: "c",
      max_tokens: 5,
      messages: [{ role: "user", content: "x" }],
    });
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("2");
    expect(await second.json()).toEqual({
      type: "error",
      error: { type: "rate_limit_error", message: "Injected 429." },
    });
    expect((await openai(ask)).status).toBe(200);
  });

  it("hangs until the client gives up", async () => {
    fake.queueFaults({ kind: "hang" });
    await expect(
      fetch(`${fake.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer sk-test" },
        body: JSON.stringify(ask),
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
  });

  it("sends malformed JSON", async () => {
    fake.queueFaults({ kind: "malformed" });
    const res = await openai(ask);
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it("cuts a stream mid-way (no [DONE])", async () => {
    fake.queueFaults({ kind: "cut", afterChunks: 2 });
    const res = await openai({ ...ask, stream: true });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = "";
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        received += new TextDecoder().decode(value);
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(received).toContain('"role":"assistant"');
    expect(received).not.toContain("[DONE]");
  });

  it("slows every chunk", async () => {
    fake.queueFaults({ kind: "slow", delayMs: 20 });
    const started = performance.now();
    const res = await openai({ ...ask, stream: true });
    await res.text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(20 * 5);
  });
});
