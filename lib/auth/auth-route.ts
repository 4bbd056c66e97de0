import "server-only";
import { ANONYMOUS } from "../context";
import { badRequest, notFound } from "../errors";
import { readCappedText } from "../http/body";
import { clientIp } from "../http/client-ip";
import { assertAllowedOrigin, requestHost } from "../http/origin";
import { toHttpResponse } from "../http/errors";
import { enforceRateLimit } from "../http/rate-limit";
import { requestIdFrom } from "../http/request-id";
import { getServices } from "../services";
import { authJs } from "./next-auth";
import { safeNext } from "./safe-next";

const MAX_FORM_BYTES = 16 * 1024;

/**
 * Auth.js's own endpoints (/api/auth/csrf, /callback/credentials, /session, ...). POSTs spend the
 * strict per-IP `auth` budget and are size-capped before Auth.js sees them.
 */
export async function authJsPost(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const services = getServices();
  try {
    const { env } = services;
    refuseSessionEndpoint(req);
    // Login CSRF: Auth.js checks its CSRF token; a foreign Origin is refused before that too.
    assertAllowedOrigin(req, ANONYMOUS, env.corsOrigins);
    const ip = clientIp(req.headers, env.trustedProxies);
    const limitHeaders = await enforceRateLimit(services, "auth", ANONYMOUS, ip);
    const url = publicUrl(req);
    const form = authForm(await readCappedText(req, MAX_FORM_BYTES), req.headers, new URL(url));
    const headers = new Headers(req.headers);
    headers.delete("content-length");
    headers.set("content-type", "application/x-www-form-urlencoded");
    const res = await authJs.handlers.POST(
      new Request(url, { method: "POST", headers, body: form.toString() }) as never,
    );
    // Auth.js answers with Response.redirect() for form posts, whose headers are immutable: the
    // limit headers go on a copy.
    const answer = new Response(res.body, res);
    for (const [k, v] of Object.entries(limitHeaders)) answer.headers.set(k, v);
    return answer;
  } catch (err) {
    return toHttpResponse(err, requestId, services.log);
  }
}

/**
 * The posted fields as a form (Auth.js also takes JSON; malformed JSON is a 400 here, not an
 * error inside Auth.js), with a `callbackUrl` Auth.js can redirect to: a path on this site
 * (anything else, control characters included, becomes "/"; Auth.js failed on those after the
 * password had been checked).
 */
function authForm(text: string, headers: Headers, site: URL): URLSearchParams {
  let form: URLSearchParams;
  if (headers.get("content-type")?.includes("application/json")) {
    let fields: unknown;
    try {
      fields = JSON.parse(text || "{}");
    } catch {
      throw badRequest("The request body is not valid JSON.");
    }
    if (typeof fields !== "object" || fields === null || Array.isArray(fields))
      throw badRequest("The request body must be a JSON object of form fields.");
    form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) if (typeof v === "string") form.set(k, v);
  } else form = new URLSearchParams(text);
  const callback = form.get("callbackUrl");
  if (callback !== null) form.set("callbackUrl", sameSitePath(callback, site));
  return form;
}

function sameSitePath(value: string, site: URL): string {
  if (/[\u0000-\u001f\u007f]/.test(value) || !value.isWellFormed()) return "/";
  if (value.startsWith("/")) return safeNext(value);
  if (!URL.canParse(value)) return "/";
  const url = new URL(value);
  return url.origin === site.origin ? safeNext(`${url.pathname}${url.search}${url.hash}`) : "/";
}

/**
 * The URL the browser used. Auth.js resolves its redirects (callbackUrl, the error page) against
 * the request's URL, which inside a route handler names the server's own listening host
 * ("localhost"), not the one the client connected to: a form post landed on another origin,
 * without its cookie. The Host (or X-Forwarded-Host, which the server entry keeps only from
 * trusted proxies) is what the client asked for.
 */
function publicUrl(req: Request): string {
  const url = new URL(req.url);
  const forwarded = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const proto =
    forwarded === "http" || forwarded === "https" ? forwarded : url.protocol.slice(0, -1);
  // A fresh origin: a Host without a port ("aios.example.com" behind a proxy) means the
  // scheme's default port, never the port this process listens on.
  const origin = `${proto}://${requestHost(req)}`;
  return URL.canParse(origin) ? new URL(`${url.pathname}${url.search}`, origin).href : url.href;
}

/**
 * Auth.js's /api/auth/session answers from the JWT alone, without our token-version and
 * disabled checks, and re-issues the cookie. The app uses /api/auth/me instead, so it is closed.
 */
function refuseSessionEndpoint(req: Request): void {
  if (/\/api\/auth\/session\/?$/.test(new URL(req.url).pathname)) throw notFound("Endpoint");
}

export async function authJsGet(req: Request): Promise<Response> {
  try {
    refuseSessionEndpoint(req);
    return await authJs.handlers.GET(new Request(publicUrl(req), req) as never);
  } catch (err) {
    return toHttpResponse(err, requestIdFrom(req.headers), getServices().log);
  }
}
