/** One server-sent event frame. `data` is JSON-encoded unless it is already a string. */
export function sseFrame(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

/** What every event stream answers with (no proxy buffering, no caching or transforming). */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/**
 * A streaming response from an async iterable of frames. Pull-based (a slow client slows the
 * producer instead of buffering), and a client that goes away cancels the iterator, which in turn
 * stops the provider stream.
 */
export function sseResponse(frames: AsyncIterable<string>, headers: HeadersInit = {}): Response {
  const encoder = new TextEncoder();
  const it = frames[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
  const h = new Headers(headers);
  for (const [k, v] of Object.entries(SSE_HEADERS)) h.set(k, v);
  return new Response(body, { status: 200, headers: h });
}
