import ipaddr from "ipaddr.js";

/**
 * Which IP addresses the workflow engine's outbound HTTP may reach. Everything that is not a
 * globally routable unicast address is blocked: a workflow author must not be able to point a
 * request at this server, its network, or the cloud's metadata service (SSRF). IPv6 forms that
 * carry an IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by
 * the IPv4 inside. The only way through is an allow list entry (parseAllowList), and cloud
 * metadata addresses pass only an entry naming that exact address.
 */

export type BlockedKind =
  | "loopback"
  | "private"
  | "link-local"
  | "carrier-grade NAT"
  | "multicast"
  | "unspecified"
  | "broadcast"
  | "reserved"
  | "cloud metadata";

export type AddressKind = "public" | BlockedKind;

export interface AddressVerdict {
  /** The address as ipaddr.js prints it (IPv6 in RFC 5952 form). */
  address: string;
  kind: AddressKind;
  /** The IPv4 address an IPv6 address carries, when it was judged by that. */
  embedded?: string;
}

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

// Instance metadata (AWS, GCP, Azure, OCI, DigitalOcean; AWS ECS/EKS task credentials; Alibaba;
// AWS IMDS over IPv6). Each already falls in a blocked range; naming them keeps a broad allow
// list entry (169.254.0.0/16, fd00::/8, a hostname) from opening them by accident.
const METADATA = new Set([
  "169.254.169.254",
  "169.254.170.2",
  "169.254.170.23",
  "100.100.100.200",
  "fd00:ec2::254",
  "fd00:ec2::23",
]);

const V4_KIND: Record<string, AddressKind> = {
  unicast: "public",
  amt: "public",
  as112: "public",
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT",
  private: "private",
};

const V6_KIND: Record<string, AddressKind> = {
  unicast: "public",
  amt: "public",
  as112v6: "public",
  droneRemoteIdProtocolEntityTags: "public",
  unspecified: "unspecified",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  uniqueLocal: "private",
  deprecatedSiteLocal: "private",
};

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

/** The IPv4 address an IPv6 address stands for, if it is one of the forms that carry one. */
function embeddedV4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts;
  const last32 = () => new ipaddr.IPv4([p[6]! >> 8, p[6]! & 0xff, p[7]! >> 8, p[7]! & 0xff]);
  const range = ip.range();
  if (range === "ipv4Mapped" || range === "rfc6145") return last32();
  // NAT64 well-known prefix 64:ff9b::/96 (the local-use 64:ff9b:1::/48 is judged reserved).
  if (range === "rfc6052" && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) return last32();
  if (range === "6to4")
    return new ipaddr.IPv4([p[1]! >> 8, p[1]! & 0xff, p[2]! >> 8, p[2]! & 0xff]);
  return null;
}

function parseIp(ip: string): Ip | null {
  const bare = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  // Four-part decimal only: "127.1" or "0x7f.0.0.1" are URL spellings, normalised by the URL
  // parser before they get here; anywhere else they are not addresses.
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  return null;
}

/** True for an IP address literal (IPv4 four-part decimal, or IPv6 with or without brackets). */
export function isIpLiteral(host: string): boolean {
  return parseIp(host) !== null;
}

function judge(ip: Ip): AddressVerdict {
  const address = ip.toString();
  if (METADATA.has(address)) return { address, kind: "cloud metadata" };
  if (ip.kind() === "ipv4") return { address, kind: V4_KIND[ip.range()] ?? "reserved" };
  const v6 = ip as ipaddr.IPv6;
  const inner = embeddedV4(v6);
  if (inner) return { address, kind: judge(inner).kind, embedded: inner.toString() };
  // Unlisted ranges are reserved, Teredo (2001::/32) among them: it hides its IPv4 client and
  // nothing a workflow calls lives there. Outside 2000::/3 nothing is global unicast (e.g. the
  // deprecated IPv4-compatible ::7f00:1), whatever ipaddr.js calls it.
  const kind = V6_KIND[v6.range()] ?? "reserved";
  if (kind === "public" && !v6.match(GLOBAL_UNICAST_V6)) return { address, kind: "reserved" };
  return { address, kind };
}

/** Classifies an IP address; throws for a string that is not one. */
export function classifyAddress(ip: string): AddressVerdict {
  const parsed = parseIp(ip);
  if (!parsed) throw new Error(`Not an IP address: "${ip}"`);
  return judge(parsed);
}

/** "127.0.0.1 (loopback)", "::ffff:7f00:1 (loopback 127.0.0.1 inside IPv6)". */
export function describeVerdict(v: AddressVerdict): string {
  return v.embedded
    ? `${v.address} (${v.kind} ${v.embedded} inside IPv6)`
    : `${v.address} (${v.kind})`;
}

export interface AllowList {
  /** Exact hostnames, lower case, without a trailing dot. */
  readonly hosts: ReadonlySet<string>;
  /** From `*.example.com`: "example.com"; matches its subdomains, not the name itself. */
  readonly suffixes: readonly string[];
  readonly cidrs: readonly (readonly [Ip, number])[];
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
// The URL parser reads a host whose last label is a number as IPv4, so no hostname ends so.
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/;

function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

function isHostname(name: string): boolean {
  const labels = name.split(".");
  return (
    name.length <= 253 &&
    labels.every((l) => LABEL.test(l)) &&
    !NUMERIC_LABEL.test(labels[labels.length - 1]!)
  );
}

function parseCidr(entry: string): readonly [Ip, number] | null {
  const slash = entry.indexOf("/");
  if (slash < 0) {
    const ip = parseIp(entry);
    return ip ? [ip, ip.kind() === "ipv4" ? 32 : 128] : null;
  }
  const bits = entry.slice(slash + 1);
  const ip = parseIp(entry.slice(0, slash));
  if (!ip || !/^\d{1,3}$/.test(bits) || Number(bits) > (ip.kind() === "ipv4" ? 32 : 128))
    return null;
  return [ip, Number(bits)];
}

/**
 * Parses an allow list: hostnames (`api.example.com`), wildcards (`*.example.com`, subdomains
 * only), IP addresses and CIDRs (`10.0.0.0/8`, `fd00::/8`). A string is split on commas and
 * whitespace. An entry that is none of these throws, naming it: a typo must not silently allow
 * nothing (or more than meant).
 */
export function parseAllowList(entries: string[] | string): AllowList {
  const list = typeof entries === "string" ? entries.split(/[\s,]+/) : entries;
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  const cidrs: (readonly [Ip, number])[] = [];
  for (const raw of list) {
    const entry = raw.trim();
    if (!entry) continue;
    const cidr = parseCidr(entry);
    const name = normalizeHost(entry);
    if (cidr) cidrs.push(cidr);
    else if (name.startsWith("*.") && isHostname(name.slice(2))) suffixes.push(name.slice(2));
    else if (isHostname(name)) hosts.add(name);
    else
      throw new Error(
        `Invalid HTTP allow list entry "${entry}": expected a hostname (api.example.com), a ` +
          "wildcard (*.example.com), an IP address (10.1.2.3) or a CIDR (10.0.0.0/8, fd00::/8).",
      );
  }
  return { hosts, suffixes, cidrs };
}

export const EMPTY_ALLOW_LIST: AllowList = parseAllowList([]);

function inCidrs(ips: Ip[], allow: AllowList, exactOnly: boolean): boolean {
  return allow.cidrs.some(([net, bits]) => {
    const full = net.kind() === "ipv4" ? 32 : 128;
    if (exactOnly && bits !== full) return false;
    return ips.some((ip) => ip.kind() === net.kind() && ip.match(net, bits));
  });
}

/**
 * Whether the allow list lets `host` connect to `ip` though the address is blocked: the host
 * is listed (exactly or under a wildcard), or the address (or the IPv4 inside it) is in a listed
 * CIDR. Cloud metadata addresses are let through only by an entry naming that very address.
 */
export function isAllowed(host: string, ip: string, allow: AllowList): boolean {
  const parsed = parseIp(ip);
  if (!parsed) return false;
  const verdict = judge(parsed);
  const ips = verdict.embedded ? [parsed, ipaddr.IPv4.parse(verdict.embedded)] : [parsed];
  if (verdict.kind === "cloud metadata") return inCidrs(ips, allow, true);
  const name = normalizeHost(host.startsWith("[") ? host.slice(1, -1) : host);
  if (allow.hosts.has(name) || allow.suffixes.some((s) => name.endsWith(`.${s}`))) return true;
  return inCidrs(ips, allow, false);
}
