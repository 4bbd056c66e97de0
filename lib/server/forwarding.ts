import type { IncomingMessage } from "node:http";
import { parseIp, resolveClientIp, type TrustCheck } from "../http/client-ip";

/** What a client could claim about the hop before us: believed only from a trusted proxy. */
const PROXY_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/**
 * Sets what the rest of the app believes about where a request came from, before the gateway or
 * Next.js reads it: X-Forwarded-For becomes the one client address (`resolveClientIp`), so
 * per-IP limits key on it and a forged header changes nothing; and from a peer that is not a
 * trusted proxy the other forwarding headers are dropped, so the CSRF Origin check compares
 * against the Host the client really connected to.
 */
export function normalizeForwarding(req: IncomingMessage, isTrusted: TrustCheck): void {
  const headers = req.headers;
  const peer = req.socket.remoteAddress;
  const sent = headers["x-forwarded-for"];
  const client = resolveClientIp(peer, Array.isArray(sent) ? sent.join(",") : sent, isTrusted);
  if (client === undefined) delete headers["x-forwarded-for"];
  else headers["x-forwarded-for"] = client;
  const socket = peer ? parseIp(peer) : null;
  if (!socket || !isTrusted(socket)) {
    for (const name of PROXY_HEADERS) if (name in headers) delete headers[name];
  }
}
