import { describe, expect, it } from "vitest";
import type { StreamPart } from "@/lib/ai/attempts";
import { sseParts } from "@/lib/ai/openai-wire-parse";

// The direct client's SSE reader, fed the bytes a provider could send, split anywhere.
async function parts(...chunks: (string | Buffer)[]): Promise<StreamPart[]> {
  async function* body() {
    for (const c of chunks) yield typeof c === "string" ? Buffer.from(c) : c;
  }
  const out: StreamPart[] = [];
  for await (const p of sseParts(body(), "http://provider.test/v1/chat/completions")) out.push(p);
  return out;
}
const delta = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content }, finish_reason: finish }] })}\n\n`;
const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } })}\n\n`;

describe("sseParts", () => {
  it("reads deltas, the finish reason and the usage, and finishes at [DONE]", async () => {
    expect(
      await parts(delta("Hel"), delta("lo"), delta("", "stop"), usage, "data: [DONE]\n\n"),
    ).toEqual([
      { type: "delta", text: "Hel" },
      { type: "delta", text: "lo" },
      { type: "finish", usage: { inputTokens: 3, outputTokens: 2 }, finishReason: "stop" },
    ]);
  });

  it("keeps a multi-byte character whole when a read splits its bytes", async () => {
    const bytes = Buffer.from(delta("é漢🙂"));
    const cut = bytes.indexOf(Buffer.from("漢")) + 1; // inside the character
    const out = await parts(bytes.subarray(0, cut), bytes.subarray(cut), "data: [DONE]\n\n");
    expect(out[0]).toEqual({ type: "delta", text: "é漢🙂" });
  });

  it("takes CRLF and CR line ends, comments, and data split over lines", async () => {
    const out = await parts(
      ": keep-alive\r\n\r\n",
      'data: {"choices":[{"delta":\r\ndata: {"content":"a"}}]}\r\n\r\n',
      'data: {"choices":[{"delta":{"content":"b"},"finish_reason":"length"}]}\r\r',
      "data: [DONE]\r\r",
    );
    expect(out).toEqual([
      { type: "delta", text: "a" },
      { type: "delta", text: "b" },
      { type: "finish", usage: { inputTokens: 0, outputTokens: 0 }, finishReason: "length" },
    ]);
  });

  it("a body that ends after a finish reason but without [DONE] still finishes", async () => {
    const out = await parts(delta("x"), delta("", "stop"));
    expect(out.at(-1)).toEqual({
      type: "finish",
      usage: { inputTokens: 0, outputTokens: 0 },
      finishReason: "stop",
    });
  });

  it("a body cut before any finish throws; so do an error chunk and garbage", async () => {
    await expect(parts(delta("half"))).rejects.toThrow(/ended without finishing/);
    await expect(parts('data: {"error":{"message":"overloaded"}}\n\n')).rejects.toMatchObject({
      statusCode: 500,
      message: "overloaded",
    });
    await expect(parts("data: {not json\n\n")).rejects.toMatchObject({ statusCode: 200 });
  });

  it("a line that never ends is refused once it passes 1 MB (memory stays bounded)", async () => {
    const chunk = "data: " + "x".repeat(256 * 1024);
    await expect(parts(chunk, chunk, chunk, chunk, chunk)).rejects.toMatchObject({
      statusCode: 200,
    });
  });
});
