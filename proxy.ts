import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";

/**
 * Next.js 16 renamed middleware.ts to proxy.ts (it always runs on Node.js). This is an optimistic
 * gate only: it makes no authorization decision and touches no database. Route handlers and
 * services check identity and permission again (defense in depth).
 *
 * Here: a request id for log correlation, and baseline security headers on every response,
 * including 404s and errors.
 */

const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export function proxy(request: NextRequest): NextResponse {
  const requestId = requestIdFrom(request.headers);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything except Next's immutable build assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
