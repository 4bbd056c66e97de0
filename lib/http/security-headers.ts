/**
 * Response security headers (set by proxy.ts on every response, errors and 404s included; by the
 * server entry first, with a nonce-less CSP, on what Next.js answers without the proxy) and the
 * exact-allowlist CORS policy.
 */

/**
 * The CSP for a page with this script nonce; with none, the one the server entry puts on every
 * answer before Next.js makes it (a redirect, an error page): no inline script runs under it.
 */
export function contentSecurityPolicy(nonce: string | null, production: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by our nonce'd scripts are trusted, nothing else is.
    nonce === null
      ? "script-src 'self'"
      : `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(csp: string, production: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const ALLOWED_HEADERS = "authorization, content-type, x-request-id, x-route-fallback";
const EXPOSED_HEADERS =
  "x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after, x-route-task-type, x-route-model, x-route-fallback-from, x-cache";

/**
 * CORS headers for an allowed origin, or null. Only exact CORS_ORIGINS entries are ever echoed
 * (with credentials); any other origin gets no CORS headers, so the browser withholds the answer.
 */
export function corsHeaders(
  origin: string | null,
  allowed: string[],
  preflight: boolean,
): Record<string, string> | null {
  if (!origin || !allowed.includes(origin)) return null;
  const headers: Record<string, string> = {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": EXPOSED_HEADERS,
  };
  if (preflight) {
    headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS;
    headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS;
    headers["Access-Control-Max-Age"] = "600";
  }
  return headers;
}
