import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/session";
import { loadEnv, type Env } from "@/lib/env";
import { ANONYMOUS } from "@/lib/context";
import { assertAllowedOrigin, SAFE_METHODS } from "@/lib/http/origin";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";
import { apiEdge, hasCredential } from "@/lib/http/edge";

/**
 * Next.js 16 renamed middleware.ts to proxy.ts (it always runs on Node.js). An optimistic gate
 * only: it looks at whether a session cookie or bearer key is present, never at the database,
 * and makes no authorization decision. Route handlers and services authenticate and authorize
 * again (defense in depth; see CVE-2025-29927).
 *
 * Here: request id; CSP with a per-request nonce and the other security headers on every
 * response; CORS for the exact CORS_ORIGINS allowlist; anonymous page visits → /login?next=…;
 * anonymous API calls → 401 JSON.
 */

const PUBLIC_PAGES = new Set(["/login", "/register"]);
const PAGE_PATH_HEADER = "x-aios-page-path";

// The proxy needs only configuration (CORS origins, cookie name, production or not) and never
// builds the services; it reads the environment once, like the composition root does.
let proxyEnv: Env | undefined;

function crossSitePostAllowed(request: NextRequest, env: Env): boolean {
  // With a session cookie, a page POST must say where it comes from (browsers always do), as
  // for the API; without one it is a sign-in or register form, judged by its Origin if sent.
  if (
    !SAFE_METHODS.has(request.method) &&
    request.cookies.has(sessionCookieName(env)) &&
    !request.headers.get("origin")
  )
    return false;
  try {
    assertAllowedOrigin(request, ANONYMOUS, env.corsOrigins);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest): NextResponse {
  const env = (proxyEnv ??= loadEnv());
  const { pathname, search } = request.nextUrl;
  const requestId = requestIdFrom(request.headers);
  const isApi = pathname.startsWith("/api/");
  // The same gate and headers as the server entry's gateway paths (lib/http/edge.ts).
  const edge = apiEdge(
    {
      corsOrigins: env.corsOrigins,
      isProduction: env.isProduction,
      cookieName: sessionCookieName(env),
    },
    { method: request.method, pathname, headers: request.headers },
  );

  let response: NextResponse;
  const signedIn = hasCredential(request.headers, sessionCookieName(env));
  if (edge.early) {
    response =
      edge.early.json === undefined
        ? new NextResponse(null, { status: edge.early.status })
        : NextResponse.json(edge.early.json, { status: edge.early.status });
  } else if (!isApi && !crossSitePostAllowed(request, env)) {
    // A page POST is a server action (the sign-in and register forms). Next refuses a foreign
    // Origin too, but with a 500; this answers it as what it is, before any rendering.
    response = new NextResponse("Cross-site request refused.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  } else if (!signedIn && !isApi && !PUBLIC_PAGES.has(pathname)) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    response = NextResponse.redirect(login);
  } else {
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
    headers.set("content-security-policy", edge.csp);
    headers.set("x-nonce", edge.nonce);
    // Where a page render was going, for a layout that finds the session dead (signed out on
    // another device) and sends the visitor to sign in and back. Set here, never the client's.
    headers.set(PAGE_PATH_HEADER, `${pathname}${search}`);
    response = NextResponse.next({ request: { headers } });
  }

  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(edge.headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything except Next's immutable build assets and the icon.
  // Anchored: "/robots.txt.evil" or "/icon.svgx" still go through the proxy (and get the headers).
  matcher: ["/((?!_next/static/|_next/image|(?:favicon\\.ico|icon\\.svg|robots\\.txt)$).*)"],
};
