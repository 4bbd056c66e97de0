import type { Actor, HeaderReader } from "../context";
import { forbidden } from "../errors";

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What the Origin check needs of a request (a web Request or the server entry's ApiRequest). */
export interface OriginCheckRequest {
  method: string;
  headers: HeaderReader;
  url: string | URL;
}

/**
 * The host the client asked for: X-Forwarded-Host's first entry (the server entry keeps that
 * header only from trusted proxies), else Host, else the URL's.
 */
export function requestHost(req: OriginCheckRequest): string {
  return (
    req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ||
    req.headers.get("host") ||
    new URL(req.url).host
  );
}

/**
 * CSRF defence for cookie sessions: a state-changing request must come from our own origin or an
 * allowed CORS origin. SameSite=Lax already keeps the cookie off most cross-site POSTs; this
 * closes the rest (same-site subdomains, old browsers). Bearer-key calls carry no ambient
 * credential and are exempt; a foreign Origin is refused for anonymous calls too (login CSRF).
 */
export function assertAllowedOrigin(
  req: OriginCheckRequest,
  actor: Actor,
  corsOrigins: string[],
): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (actor.kind === "user" && actor.via === "api_key") return;
  const origin = req.headers.get("origin");
  if (!origin) {
    if (actor.kind === "user")
      throw forbidden("Cross-site request refused: the Origin header is missing.");
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden("Cross-site request refused.");
  }
  if (host === requestHost(req) || corsOrigins.includes(origin)) return;
  throw forbidden("Cross-site request refused.");
}
