/**
 * The HTTP side of `npm run smoke`: one client per account, carrying its own cookies (no
 * browser, no test helpers), and a sign-in exactly like the login page's: CSRF token, then the
 * credentials callback with X-Auth-Return-Redirect. Every state-changing request carries
 * `Origin: <base>`, because a production server refuses cookie-authenticated writes without an
 * allowed Origin (CSRF).
 */

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text (empty for 204). */
  body: unknown;
}

interface RequestOptions {
  json?: unknown;
  form?: Record<string, string>;
  bearer?: string;
  headers?: Record<string, string>;
  /** Send this client's cookies (default true; false for API-key calls). */
  cookies?: boolean;
}

const TIMEOUT_MS = 30_000;

export class SmokeClient {
  private readonly jar = new Map<string, string>();

  constructor(readonly base: string) {}

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    if (method !== "GET" && method !== "HEAD") headers.origin = this.base;
    if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
    if (opts.cookies !== false && this.jar.size) headers.cookie = this.cookieHeader();
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(opts.form).toString();
    }
    const res = await fetch(new URL(path, this.base), {
      method,
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (opts.cookies !== false) this.keepCookies(res.headers);
    const text = await res.text();
    const isJson = (res.headers.get("content-type") ?? "").includes("json") && text !== "";
    return { status: res.status, headers: res.headers, body: isJson ? JSON.parse(text) : text };
  }

  /** Signs in through Auth.js's credentials provider; true when a session cookie was set. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = await this.request("GET", "/api/auth/csrf");
    const csrfToken = (csrf.body as { csrfToken?: string } | null)?.csrfToken;
    if (csrf.status !== 200 || !csrfToken) throw new Error(`GET /api/auth/csrf: ${csrf.status}`);
    const res = await this.request("POST", "/api/auth/callback/credentials", {
      form: { email, password, csrfToken, callbackUrl: "/" },
      headers: { "x-auth-return-redirect": "1" },
    });
    if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${describe(res)}`);
    return this.jar.has("auth_token");
  }

  private cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=(0|-)/i.test(a));
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

/** A short description of an answer for a failure line: status and the error envelope's message. */
export function describe(res: Answer): string {
  const error = (res.body as { error?: { code?: string; message?: string } } | null)?.error;
  if (error) return `${res.status} ${error.code ?? ""}: ${error.message ?? ""}`.trim();
  const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
  return `${res.status} ${text.slice(0, 160)}`.trim();
}

/** Throws unless the answer has the expected status; returns its JSON body typed as asked. */
export function expectStatus<T = Record<string, unknown>>(res: Answer, status: number): T {
  if (res.status !== status) throw new Error(`expected ${status}, got ${describe(res)}`);
  return res.body as T;
}
