import "server-only";
import { getEnv } from "../env";
import { readCappedText } from "../http/body";
import { clientIp } from "../http/client-ip";
import { toHttpResponse } from "../http/errors";
import { rateLimited, rateLimitHeaders } from "../http/rate-limit-headers";
import { requestIdFrom } from "../http/request-id";
import { logger } from "../log";
import { getRateLimiter } from "../rate-limit";
import { rateLimitFor } from "../rate-limit/policy";
import { nextAuth } from "./next-auth";

const MAX_FORM_BYTES = 16 * 1024;

/**
 * Auth.js's own endpoints (/api/auth/csrf, /callback/credentials, /session, ...). POSTs spend the
 * strict per-IP `auth` budget and are size-capped before Auth.js sees them.
 */
export async function authJsPost(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  try {
    const env = getEnv();
    const limit = rateLimitFor("auth", { kind: "anonymous" }, clientIp(req.headers, env.trustedProxies), env)!;
    const result = await getRateLimiter().consume(limit.rule, limit.key);
    if (!result.allowed) throw rateLimited(result);
    const body = await readCappedText(req, MAX_FORM_BYTES);
    const res = await nextAuth().handlers.POST(new Request(req.url, { method: "POST", headers: req.headers, body }) as never);
    for (const [k, v] of Object.entries(rateLimitHeaders(result))) res.headers.set(k, v);
    return res;
  } catch (err) {
    return toHttpResponse(err, requestId, logger());
  }
}

export function authJsGet(req: Request): Promise<Response> {
  return nextAuth().handlers.GET(req as never);
}
