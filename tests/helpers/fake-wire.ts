/**
 * The wire formats the fake provider answers in: OpenAI chat completions (JSON and SSE chunks)
 * and Anthropic messages (JSON and SSE events), as the real APIs send them.
 */

export type Usage = { input: number; output: number };
const id = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 12)}`;
const pieces = (answer: string) => answer.split(/(?<=\s)/);

export function openaiCompletion(model: string, content: string, u: Usage) {
  return {
    id: id("chatcmpl-"),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message: { role: "assistant", content }, logprobs: null, finish_reason: "stop" },
    ],
    usage: {
      prompt_tokens: u.input,
      completion_tokens: u.output,
      total_tokens: u.input + u.output,
    },
  };
}

export function openaiChunks(
  model: string,
  answer: string,
  u: Usage,
  includeUsage: boolean,
): string[] {
  const base = {
    id: id("chatcmpl-"),
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
  };
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`;
  return [
    chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
    ...pieces(answer).map((text) =>
      chunk([{ index: 0, delta: { content: text }, finish_reason: null }]),
    ),
    chunk([{ index: 0, delta: {}, finish_reason: "stop" }]),
    ...(includeUsage
      ? [
          chunk([], {
            usage: {
              prompt_tokens: u.input,
              completion_tokens: u.output,
              total_tokens: u.input + u.output,
            },
          }),
        ]
      : []),
    "data: [DONE]\n\n",
  ];
}

export function anthropicMessage(model: string, text: string, u: Usage) {
  return {
    id: id("msg_"),
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: u.input, output_tokens: u.output },
  };
}

export function anthropicEvents(model: string, answer: string, u: Usage): string[] {
  const event = (type: string, data: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  return [
    event("message_start", {
      message: {
        ...anthropicMessage(model, "", { input: u.input, output: 1 }),
        content: [],
        stop_reason: null,
      },
    }),
    event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    event("ping", {}),
    ...pieces(answer).map((text) =>
      event("content_block_delta", { index: 0, delta: { type: "text_delta", text } }),
    ),
    event("content_block_stop", { index: 0 }),
    event("message_delta", {
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: u.output },
    }),
    event("message_stop", {}),
  ];
}
