import { randomBytes } from "node:crypto";

/**
 * In-process HTTP for integration and security tests: calls the real route handlers with real
 * Request objects (cookies, Origin, X-Forwarded-For) and reads real Responses.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- route handlers differ only in their params type
type Handler = (req: Request, segment: { params: Promise<any> }) => Promise<Response>;

export const BASE = "http://localhost";

/** A fresh client IP per caller keeps per-IP rate limits from bleeding between tests. */
export const randomIp = () => `198.51.${randomBytes(1)[0]}.${(randomBytes(1)[0]! % 250) + 1}`;

export interface CallOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  cookie?: string;
  ip?: string;
}

export function request(path: string, o: CallOptions = {}): Request {
  const method = o.method ?? (o.json !== undefined || o.body !== undefined ? "POST" : "GET");
  const headers: Record<string, string> = { "x-forwarded-for": o.ip ?? randomIp(), ...o.headers };
  if (o.json !== undefined) headers["content-type"] ??= "application/json";
  if (o.cookie) headers.cookie = o.cookie;
  // Browsers send Origin on every non-GET fetch; tests that probe CSRF override it.
  if (method !== "GET" && method !== "HEAD") headers.origin ??= BASE;
  return new Request(`${BASE}${path}`, {
    method,
    headers,
    body: o.json !== undefined ? JSON.stringify(o.json) : o.body,
  });
}

export function call(handler: Handler, path: string, o: CallOptions = {}): Promise<Response> {
  return handler(request(path, o), { params: Promise.resolve(o.params ?? {}) });
}

/** name=value of each Set-Cookie, e.g. for sending them back. */
export function setCookies(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const i = pair!.indexOf("=");
    out[pair!.slice(0, i)] = pair!.slice(i + 1);
  }
  return out;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
