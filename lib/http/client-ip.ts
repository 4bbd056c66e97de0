import ipaddr from "ipaddr.js";
import type { HeaderReader } from "../context";

function parse(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    const ip = ipaddr.parse(value.trim());
    // "::ffff:1.2.3.4" and "1.2.3.4" are the same client.
    return ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()
      ? (ip as ipaddr.IPv6).toIPv4Address()
      : ip;
  } catch {
    return null;
  }
}

function trusted(ip: ipaddr.IPv4 | ipaddr.IPv6, proxies: string[]): boolean {
  return proxies.some((entry) => {
    if (!entry.includes("/")) return parse(entry)?.toString() === ip.toString();
    const [range, bits] = ipaddr.parseCIDR(entry);
    return range.kind() === ip.kind() && ip.match([range, bits]);
  });
}

/**
 * The client's address from X-Forwarded-For. Each proxy appends the address it received the
 * request from, so the chain is read from the right, skipping proxies in TRUSTED_PROXIES; the
 * first untrusted hop is the client. Without a proxy, Next.js fills the header with the socket
 * address only when the client sent none: deploy behind a reverse proxy that sets it (and list
 * that proxy) or per-IP limits can be dodged with a forged header.
 */
/** The caller's address and user agent, as ctx.client carries them. */
export function clientFrom(
  headers: HeaderReader,
  trustedProxies: string[],
): { ip: string | undefined; userAgent: string | undefined } {
  return {
    ip: clientIp(headers, trustedProxies),
    userAgent: headers.get("user-agent") ?? undefined,
  };
}

export function clientIp(headers: HeaderReader, trustedProxies: string[]): string | undefined {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map(parse)
    .filter((ip): ip is NonNullable<typeof ip> => ip !== null);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!trusted(chain[i]!, trustedProxies)) return chain[i]!.toString();
  }
  return chain[0]?.toString();
}
