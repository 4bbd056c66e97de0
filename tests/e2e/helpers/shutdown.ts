import net from "node:net";
import path from "node:path";
import { expect } from "@playwright/test";
import { openPglite } from "@/db/client";
import type { NextProcess } from "./next-server";

// What tests/e2e/shutdown.spec.ts asks a server it stops and how it reads the answers.

/** The exact frame a stream still open at the deadline ends with (lib/server/gateway.ts). */
export const SHUTDOWN_FRAME =
  'data: {"error":{"message":"The server is restarting; this answer was cut off. Send the request again.","type":"api_error","param":null,"code":"shutting_down"}}';
export const words = (prefix: string, n: number) =>
  `${prefix} ${Array.from({ length: n }, (_, i) => `w${i}`).join(" ")}`;

export interface Started {
  server: NextProcess;
  base: string;
  key: string;
  dataDir: string;
  port: number;
}

export const post = (s: Started, text: string, stream: boolean) =>
  fetch(`${s.base}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${s.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "auto", stream, messages: [{ role: "user", content: text }] }),
  });

export interface Answer {
  text: string;
  status: number;
  /** The completion text (JSON answers) or the deltas joined (streams). */
  content: string;
  /** SSE frames, without their blank-line separators. */
  frames: string[];
}

export async function ask(
  s: Started,
  text: string,
  stream: boolean,
  done: () => void,
): Promise<Answer> {
  const res = await post(s, text, stream);
  const body = await res.text(); // rejects ("terminated") if the connection is cut mid-body
  done();
  if (!stream) {
    const json = JSON.parse(body);
    return { text, status: res.status, content: json.choices[0].message.content, frames: [] };
  }
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const frames = body.split("\n\n").filter(Boolean);
  const content = frames
    .filter((f) => f.startsWith("data: {") && f !== SHUTDOWN_FRAME)
    .map((f) => JSON.parse(f.slice(6)).choices[0]?.delta?.content ?? "")
    .join("");
  return { text, status: res.status, content, frames };
}

export const STOP_CHUNK = expect.objectContaining({
  object: "chat.completion.chunk",
  choices: [expect.objectContaining({ delta: {}, finish_reason: "stop" })],
});

/** A stream that finished: its final chunk, then [DONE], and the whole answer. */
export function expectFinished(a: Answer) {
  expect(a.status).toBe(200);
  expect(a.frames.at(-1)).toBe("data: [DONE]");
  expect(JSON.parse(a.frames.at(-2)!.slice(6))).toEqual(STOP_CHUNK);
  expect(a.content).toBe(`echo: ${a.text}`);
}

/** A stream ended by the deadline: part of the answer, then the shutdown error, nothing else. */
export function expectCutWithErrorFrame(a: Answer) {
  expect(a.status).toBe(200);
  expect(a.frames.at(-1)).toBe(SHUTDOWN_FRAME);
  expect(a.frames.filter((f) => f === SHUTDOWN_FRAME || f === "data: [DONE]")).toEqual([
    SHUTDOWN_FRAME,
  ]);
  expect(`echo: ${a.text}`.startsWith(a.content)).toBe(true);
  expect(a.content.length).toBeLessThan(`echo: ${a.text}`.length);
}

/** A call still waiting at the provider when the deadline passed: 503, retry at once. */
export async function askTooLate(s: Started, text: string) {
  const res = await post(s, text, false);
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
}

/** A chat stream through Next.js (the chat page's path): its SSE events, by name. */
export async function chatStream(s: Started, session: string, text: string) {
  const res = await fetch(`${s.base}/api/ai/chat`, {
    method: "POST",
    headers: { cookie: session, origin: s.base, "content-type": "application/json" },
    body: JSON.stringify({ stream: true, messages: [{ role: "user", content: text }] }),
  });
  expect(res.status).toBe(200);
  return (await res.text())
    .split("\n\n")
    .filter(Boolean)
    .map((f) => {
      const [event, data] = f.split("\n");
      return { event: event!.replace("event: ", ""), data: JSON.parse(data!.slice(6)) };
    });
}

/** The fields of the server's log line with this message. */
export function logLine(output: string, msg: string): Record<string, unknown> {
  const line = output.split("\n").find((l) => l.includes(`"msg":"${msg}"`));
  expect(line, output).toBeDefined();
  return JSON.parse(line!);
}
export const drainedLog = (output: string) => logLine(output, "drained; running shutdown hooks");
export const shuttingDownLog = (output: string) =>
  logLine(output, "shutting down: draining in-flight requests");

export async function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve("connected")));
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? String(err)));
  });
}

export async function ledgerRows(dataDir: string) {
  const db = await openPglite({ dataDir: path.join(dataDir, "pg") });
  try {
    const { rows } = await db.client.query(
      `select stream, status, error_class, count(*)::int as n from ai_requests
       group by 1, 2, 3 order by 1, 2, 3`,
    );
    return rows;
  } finally {
    await db.close();
  }
}
