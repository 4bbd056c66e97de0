import { ApiError } from "../lib/api";

export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * POSTs to an SSE endpoint and yields its events as they arrive. A JSON error answer (the request
 * was refused before streaming began) is thrown as ApiError, like `api()` does.
 */
export async function* postSse(
  path: string,
  json: unknown,
  signal: AbortSignal,
): AsyncGenerator<SseEvent> {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(json),
    signal,
  });
  if (!res.ok || !res.body) {
    const body = await res.json().catch(() => null);
    const fields: Record<string, string> = {};
    for (const f of body?.error?.details?.fields ?? []) fields[f.field] ??= f.message;
    throw new ApiError(
      res.status,
      body?.error?.code ?? "internal",
      body?.error?.message ?? `Request failed (${res.status}).`,
      fields,
    );
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (data !== undefined) yield { event, data: JSON.parse(data) };
    }
  }
}
