import "server-only";
import { EMPTY_ALLOW_LIST, type AllowList } from "./address-policy";
import { startDeadline } from "./deadline";
import { SafeHttpError } from "./errors";
import { sendHop, type HopRequest } from "./hop";
import { parseTarget, resolveTarget, systemLookup, type Lookup } from "./target";

export { SafeHttpError, type SafeHttpErrorCode } from "./errors";
export type { Lookup, ResolvedAddress } from "./target";

export interface SafeRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SafeFetchOptions {
  /** Blocked addresses these hosts/CIDRs may still reach (parseAllowList). Default: none. */
  allow?: AllowList;
  /** For the whole exchange, redirects and DNS included. */
  timeoutMs: number;
  /** Largest response body accepted; larger fails with too_large. */
  maxBytes: number;
  /** Default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Default: the system resolver, every address. */
  lookup?: Lookup;
  /** An extra trusted CA (PEM) for https, e.g. an internal one. */
  ca?: string;
}

export interface SafeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: number;
  bytes: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
// Framing and routing are this client's business: a workflow must not smuggle a second request
// (Transfer-Encoding, Content-Length) or aim at another virtual host than the URL's (Host).
const DROPPED = new Set([
  "host",
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
  "content-length",
  "accept-encoding",
]);
const BODY_HEADERS = ["content-type", "content-encoding", "content-language", "content-location"];
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

function requestOf(req: SafeRequest): HopRequest {
  const method = (req.method ?? "GET").toUpperCase();
  if (!TOKEN.test(method) || FORBIDDEN_METHODS.has(method))
    throw new SafeHttpError("invalid_request", `The HTTP method "${req.method}" is not allowed.`);
  const headers: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(req.headers ?? {})) {
    const name = rawName.toLowerCase();
    if (!TOKEN.test(name) || /[\r\n\0]/.test(value))
      throw new SafeHttpError("invalid_request", `The request header "${rawName}" is malformed.`);
    if (!DROPPED.has(name)) headers[name] = value;
  }
  // The body is read as text and counted as it arrives: no compressed bodies to inflate.
  headers["accept-encoding"] = "identity";
  if (req.body !== undefined && !headers["content-type"])
    headers["content-type"] = "text/plain;charset=UTF-8";
  return { method, headers, body: req.body };
}

/** The request a redirect leads to, as the Fetch standard has it. */
function redirected(status: number, req: HopRequest, from: URL, to: URL): HopRequest {
  const headers = { ...req.headers };
  let { method, body } = req;
  if (
    ((status === 301 || status === 302) && method === "POST") ||
    (status === 303 && method !== "GET" && method !== "HEAD")
  ) {
    method = "GET";
    body = undefined;
    for (const h of BODY_HEADERS) delete headers[h];
  }
  // Credentials meant for one origin are not handed to the next.
  if (from.origin !== to.origin) for (const h of CREDENTIAL_HEADERS) delete headers[h];
  return { method, headers, body };
}

/**
 * Fetches a URL for a workflow without letting it reach this server or its network (SSRF):
 * every hop's host is resolved, every address checked (address-policy.ts), and the connection
 * made to a checked address only (hop.ts); redirects are followed here, each re-checked.
 */
export async function safeFetch(
  request: SafeRequest,
  opts: SafeFetchOptions,
): Promise<SafeResponse> {
  const allow = opts.allow ?? EMPTY_ALLOW_LIST;
  const lookup = opts.lookup ?? systemLookup;
  const maxRedirects = opts.maxRedirects ?? 5;
  let url = parseTarget(request.url);
  let req = requestOf(request);
  const deadline = startDeadline(opts.timeoutMs, opts.signal);
  const { signal } = deadline;
  try {
    for (let redirects = 0; ; redirects++) {
      const addresses = await resolveTarget(url, { allow, lookup, signal });
      const res = await sendHop(url, addresses, req, {
        maxBytes: opts.maxBytes,
        signal,
        timeoutMs: opts.timeoutMs,
        ca: opts.ca,
        isRedirect: (status, headers) => REDIRECTS.has(status) && !!headers.location,
      });
      if (res.body) {
        const body = new TextDecoder("utf-8").decode(res.body);
        return {
          status: res.status,
          headers: res.headers,
          body,
          url: url.href,
          redirects,
          bytes: res.body.length,
        };
      }
      if (redirects >= maxRedirects)
        throw new SafeHttpError(
          "too_many_redirects",
          `${url.host} redirected more than ${maxRedirects} times (last to ${res.headers.location}).`,
        );
      const next = parseTarget(res.headers.location!, url);
      req = redirected(res.status, req, url, next);
      url = next;
    }
  } catch (err) {
    if (err instanceof SafeHttpError) throw err;
    if (deadline.timedOut())
      throw new SafeHttpError(
        "timeout",
        `The request to ${url.host} timed out after ${opts.timeoutMs} ms.`,
        { cause: err },
      );
    // The caller gave up: theirs is the reason, as with fetch.
    if (opts.signal?.aborted) throw opts.signal.reason;
    const code = (err as { code?: unknown } | null)?.code;
    const detail = err instanceof Error ? err.message : String(err);
    throw new SafeHttpError(
      "network",
      `The request to ${url.host} failed: ${detail}${typeof code === "string" ? ` (${code})` : ""}.`,
      { cause: err },
    );
  } finally {
    deadline.dispose();
  }
}
