import "server-only";
import { ANONYMOUS } from "../context";
import { notFound } from "../errors";
import { readCappedText } from "../http/body";
import { clientIp } from "../http/client-ip";
import { assertAllowedOrigin } from "../http/origin";
import { toHttpResponse } from "../http/errors";
import { enforceRateLimit } from "../http/rate-limit";
import { requestIdFrom } from "../http/request-id";
import { getServices } from "../services";
import { authJs } from "./next-auth";

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
    const body = await readCappedText(req, MAX_FORM_BYTES);
    const res = await authJs.handlers.POST(
      new Request(publicUrl(req), { method: "POST", headers: req.headers, body }) as never,
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
 * The URL the browser used. Auth.js resolves its redirects (callbackUrl, the error page) against
 * the request's URL, which inside a route handler names the server's own listening host
 * ("localhost"), not the one the client connected to: a form post landed on another origin,
 * without its cookie. The Host (or X-Forwarded-Host, which the server entry keeps only from
 * trusted proxies) is what the client asked for.
 */
function publicUrl(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto");
  if (host && URL.canParse(`http://${host}`)) url.host = host;
  if (proto === "http" || proto === "https") url.protocol = `${proto}:`;
  return url.toString();
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
