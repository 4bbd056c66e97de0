import { readCookie } from "../auth/cookie-header";
import type { HeaderReader } from "../context";
import { unauthorized } from "../errors";
import { isOpenAiPath, openAiError } from "./openai-errors";
import { contentSecurityPolicy, corsHeaders, securityHeaders } from "./security-headers";

/**
 * What every API answer gets before and around its handler, whoever serves it: proxy.ts for the
 * routes Next.js serves, the server entry (lib/server) for the gateway paths it answers itself.
 * One function, so a fast-path answer can never lack a header or a check the proxy gives.
 *
 * An optimistic gate only: whether a session cookie or bearer key is present (never the
 * database), CORS for the exact CORS_ORIGINS allowlist, and the security headers. The handlers
 * authenticate and authorize again.
 */

export const PUBLIC_API_PREFIXES = ["/api/auth/", "/api/monitoring/health"];
/** Routes that check a secret of their own (route audience "secret"): a workflow webhook, the cron route. */
const SECRET_API_PATHS = [/^\/api\/workflows\/[^/]+\/webhook$/, /^\/api\/workflows\/cron$/];

export const isPublicApiPath = (pathname: string): boolean =>
  PUBLIC_API_PREFIXES.some((p) => pathname.startsWith(p)) ||
  SECRET_API_PATHS.some((r) => r.test(pathname));

export interface EdgeConfig {
  corsOrigins: string[];
  isProduction: boolean;
  cookieName: string;
}

export interface EdgeVerdict {
  /** Answer at once with this (a preflight, or 401 for an anonymous call to a private route). */
  early?: { status: number; json?: unknown };
  /** Headers for the answer, early or not: CSP and the other security headers, CORS. */
  headers: Record<string, string>;
  /** The per-request nonce in the CSP (Next.js puts it on its scripts). */
  nonce: string;
  csp: string;
}

const NO_CREDENTIAL = "Sign in or send an API key (Authorization: Bearer …).";
export const UNAUTHORIZED_BODY = { error: { code: "unauthorized", message: NO_CREDENTIAL } };
/** The same refusal in OpenAI's envelope, for /api/v1 (an SDK raises AuthenticationError). */
export const OPENAI_UNAUTHORIZED_BODY = openAiError(unauthorized(NO_CREDENTIAL)).body;

/** Whether the request carries a credential at all (not whether it is valid). */
export function hasCredential(headers: HeaderReader, cookieName: string): boolean {
  return headers.has("authorization") || readCookie(headers, cookieName) !== undefined;
}

/** The gate and headers for any path (pages get the security headers only: no CORS, no gate). */
export function apiEdge(
  config: EdgeConfig,
  req: { method: string; pathname: string; headers: HeaderReader },
): EdgeVerdict {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, config.isProduction);
  if (!req.pathname.startsWith("/api/"))
    return { headers: securityHeaders(csp, config.isProduction), nonce, csp }; // pages: no CORS
  const preflight = req.method === "OPTIONS" && req.headers.has("access-control-request-method");
  const cors = corsHeaders(req.headers.get("origin"), config.corsOrigins, preflight);
  // Vary on every API answer: a cache must never hand one origin's answer (with or without the
  // CORS headers) to another.
  const headers = { ...securityHeaders(csp, config.isProduction), ...cors, Vary: "Origin" };
  if (preflight) return { early: { status: cors ? 204 : 403 }, headers, nonce, csp };
  if (!hasCredential(req.headers, config.cookieName) && !isPublicApiPath(req.pathname))
    return {
      early: {
        status: 401,
        json: isOpenAiPath(req.pathname) ? OPENAI_UNAUTHORIZED_BODY : UNAUTHORIZED_BODY,
      },
      headers,
      nonce,
      csp,
    };
  return { headers, nonce, csp };
}
