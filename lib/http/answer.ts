import { SSE_HEADERS, sseResponse } from "./sse";

/**
 * What the API core answers, on either transport. JSON and server-sent events are kept as plain
 * data until the transport writes them: the server entry (lib/server/node-http.ts) puts them on
 * the socket directly, with no web Response, Headers or ReadableStream built and read back per
 * request; a Next.js route handler turns them into a Response (`toResponse`). Anything else (an
 * error envelope, a handler's own Response) is a web Response on both.
 */
export type ApiAnswer = Response | JsonAnswer | SseAnswer;

const FORBIDDEN_IN_VALUE = /[\0\r\n]/;

function checkValue(name: string, value: string): void {
  if (FORBIDDEN_IN_VALUE.test(value))
    throw new TypeError(`The value of header ${name} holds NUL, CR or LF.`);
}

/**
 * A JSON or SSE answer's headers before they are a web Headers: the calls the core makes
 * (get/has/set/append, Set-Cookie kept apart) on a plain map, since an answer the server entry
 * writes never needs the web object. Values are checked as they are set, as web Headers check
 * them (no NUL, CR or LF), so a bad value fails inside the API core, with its error envelope,
 * and never while the answer is being written.
 */
export class AnswerHeaders implements Pick<
  Headers,
  "get" | "has" | "set" | "append" | "getSetCookie"
> {
  private readonly map = new Map<string, string>();
  private readonly cookies: string[] = [];

  constructor(init?: Record<string, string>) {
    if (init) for (const [k, v] of Object.entries(init)) this.set(k, v);
  }
  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key === "set-cookie") return this.cookies.length ? this.cookies.join(", ") : null;
    return this.map.get(key) ?? null;
  }
  has(name: string): boolean {
    return this.get(name) !== null;
  }
  set(name: string, value: string): void {
    checkValue(name, value);
    const key = name.toLowerCase();
    if (key === "set-cookie") this.cookies.splice(0, this.cookies.length, value);
    else this.map.set(key, value);
  }
  append(name: string, value: string): void {
    checkValue(name, value);
    const key = name.toLowerCase();
    if (key === "set-cookie") this.cookies.push(value);
    else {
      const old = this.map.get(key);
      this.map.set(key, old === undefined ? value : `${old}, ${value}`);
    }
  }
  getSetCookie(): string[] {
    return [...this.cookies];
  }
  /** The same headers as web Headers (for a Response). */
  toHeaders(): Headers {
    const headers = new Headers([...this.map]);
    for (const c of this.cookies) headers.append("set-cookie", c);
    return headers;
  }
  /** Every header but Set-Cookie (see getSetCookie), as [name, value]. */
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/**
 * A JSON answer that is not a web Response yet: the server entry writes its text straight to the
 * socket (no body stream to build and read back, no web Headers), a route handler turns it into
 * a Response.
 */
export class JsonAnswer {
  readonly headers: AnswerHeaders;
  constructor(
    readonly status: number,
    readonly text: string,
    headers?: Record<string, string>,
  ) {
    this.headers = new AnswerHeaders(headers);
    this.headers.set("content-type", "application/json");
  }

  /** The same answer as `Response.json(value, init)` would give. */
  static of(value: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
    const text = JSON.stringify(value) as string | undefined;
    // As Response.json: undefined (a handler that forgot to return) is not JSON.
    if (text === undefined) throw new TypeError("The answer is not serializable as JSON.");
    return new JsonAnswer(init.status ?? 200, text, init.headers);
  }

  toResponse(): Response {
    return new Response(this.text, { status: this.status, headers: this.headers.toHeaders() });
  }
}

/** A server-sent event stream: its frames, written by the transport as the producer yields them. */
export class SseAnswer {
  readonly status = 200;
  readonly headers: AnswerHeaders;
  constructor(
    readonly frames: AsyncIterable<string>,
    headers?: Record<string, string>,
  ) {
    this.headers = new AnswerHeaders({ ...headers, ...SSE_HEADERS });
  }

  /** The same stream as `sseResponse` (pull-based; cancelling it stops the producer). */
  toResponse(): Response {
    return sseResponse(this.frames, this.headers.toHeaders());
  }
}
