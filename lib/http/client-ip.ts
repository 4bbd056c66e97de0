import ipaddr from "ipaddr.js";
import type { HeaderReader } from "../context";

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * An address, IPv4-mapped IPv6 as IPv4; null when it is not one. A port or brackets some proxies
 * write into X-Forwarded-For ("1.2.3.4:5678", "[2001:db8::1]:443") are not part of it.
 */
export function parseIp(value: string): Ip | null {
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(text))
    text = text.slice(0, text.lastIndexOf(":"));
  try {
    const ip = ipaddr.parse(text);
    // "::ffff:1.2.3.4" and "1.2.3.4" are the same client.
    return ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()
      ? (ip as ipaddr.IPv6).toIPv4Address()
      : ip;
  } catch {
    return null;
  }
}

/** Whether an address is one of TRUSTED_PROXIES (addresses or CIDR ranges), parsed once. */
export type TrustCheck = (ip: Ip) => boolean;

const compiled = new WeakMap<readonly string[], TrustCheck>();

export function trustCheck(proxies: readonly string[]): TrustCheck {
  let check = compiled.get(proxies);
  if (check) return check;
  // The configuration check refuses anything but addresses and ranges; skip one that slipped by.
  const ranges = proxies.flatMap((entry): [Ip, number][] => {
    if (entry.includes("/")) {
      if (!ipaddr.isValidCIDR(entry)) return [];
      const [range, bits] = ipaddr.parseCIDR(entry);
      // Peers are compared as IPv4 when mapped ("::ffff:127.0.0.1"): so is a mapped range.
      if (range.kind() === "ipv6" && (range as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96)
        return [[(range as ipaddr.IPv6).toIPv4Address(), bits - 96]];
      return [[range, bits]];
    }
    const ip = parseIp(entry);
    return ip ? [[ip, ip.kind() === "ipv4" ? 32 : 128]] : [];
  });
  check = (ip) =>
    ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
  compiled.set(proxies, check);
  return check;
}

/**
 * The client's address, as the server entry decides it for every request (lib/server/forwarding.ts):
 * the socket's peer, unless that peer is a trusted proxy; then X-Forwarded-For is read from the
 * right (each proxy appends the address it received the request from), skipping trusted hops,
 * and the first untrusted hop is the client. Anything to its left was written by the client and
 * is never believed. An unreadable entry ends the walk at the hop that wrote it.
 */
export function resolveClientIp(
  peer: string | undefined,
  forwardedFor: string | undefined,
  isTrusted: TrustCheck,
): string | undefined {
  const socket = peer ? parseIp(peer) : null;
  if (!socket) return undefined;
  if (!isTrusted(socket)) return socket.toString();
  return walkHops(socket, forwardedFor, isTrusted)?.toString();
}

/** X-Forwarded-For from the right: past trusted hops, up to the first untrusted or unreadable one. */
function walkHops(from: Ip | null, forwardedFor: string | undefined, isTrusted: TrustCheck) {
  let client = from;
  const hops = forwardedFor ? forwardedFor.split(",") : [];
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseIp(hops[i]!);
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop)) break;
  }
  return client;
}

/** The caller's address and user agent, as ctx.client carries them. */
export function clientFrom(
  headers: HeaderReader,
  trustedProxies: readonly string[],
): { ip: string | undefined; userAgent: string | undefined } {
  return {
    ip: clientIp(headers, trustedProxies),
    userAgent: headers.get("user-agent") ?? undefined,
  };
}

/**
 * The client's address as the app reads it. Behind the server entry, X-Forwarded-For holds
 * exactly the address it resolved (whatever the client sent was replaced); on Vercel the
 * platform sets it. The walk from the right is the same rule, for a chain set by a platform.
 */
export function clientIp(
  headers: HeaderReader,
  trustedProxies: readonly string[],
): string | undefined {
  const forwardedFor = headers.get("x-forwarded-for") ?? undefined;
  return walkHops(null, forwardedFor, trustCheck(trustedProxies))?.toString();
}
