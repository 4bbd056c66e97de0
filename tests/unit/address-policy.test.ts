import { describe, expect, it } from "vitest";
import {
  classifyAddress,
  describeVerdict,
  isAllowed,
  isIpLiteral,
  parseAllowList,
  type AddressKind,
} from "@/lib/net/address-policy";

describe("classifyAddress", () => {
  it.each<[string, AddressKind, string?]>([
    // IPv4
    ["93.184.216.34", "public"],
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["192.52.193.1", "public"], // AMT: globally reachable
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["100.128.0.1", "public"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"], // 0/8, "this network"
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"], // TEST-NET-1
    ["198.18.0.1", "reserved"], // benchmarking
    ["192.0.0.8", "reserved"],
    // Cloud metadata, named even though their ranges are blocked anyway
    ["169.254.169.254", "cloud metadata"],
    ["169.254.170.2", "cloud metadata"],
    ["100.100.100.200", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"],
    // IPv6
    ["2606:2800:220:1:248:1893:25c8:1946", "public"],
    ["2001:4860:4860::8888", "public"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fec0::1", "private"], // deprecated site-local
    ["fe80::1", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"], // documentation
    ["2001::1", "reserved"], // Teredo
    ["100::1", "reserved"], // discard
    ["::7f00:1", "reserved"], // deprecated IPv4-compatible
    ["64:ff9b:1::a00:1", "reserved"], // local-use NAT64
    ["4000::1", "reserved"], // outside 2000::/3
    // IPv6 carrying IPv4: judged by the IPv4 inside
    ["::ffff:127.0.0.1", "loopback", "127.0.0.1"],
    ["::ffff:7f00:1", "loopback", "127.0.0.1"],
    ["::ffff:10.1.2.3", "private", "10.1.2.3"],
    ["::ffff:169.254.169.254", "cloud metadata", "169.254.169.254"],
    ["::ffff:93.184.216.34", "public", "93.184.216.34"],
    ["::ffff:0:127.0.0.1", "loopback", "127.0.0.1"], // RFC 6145 translated
    ["64:ff9b::127.0.0.1", "loopback", "127.0.0.1"], // NAT64
    ["64:ff9b::a9fe:a9fe", "cloud metadata", "169.254.169.254"],
    ["64:ff9b::8.8.8.8", "public", "8.8.8.8"],
    ["2002:7f00:1::", "loopback", "127.0.0.1"], // 6to4
    ["2002:c0a8:101::1", "private", "192.168.1.1"],
    ["2002:808:808::1", "public", "8.8.8.8"],
  ])("%s → %s", (ip, kind, embedded) => {
    const v = classifyAddress(ip);
    expect(v.kind).toBe(kind);
    expect(v.embedded).toBe(embedded);
  });

  it("accepts bracketed IPv6 and refuses what is not an address", () => {
    expect(classifyAddress("[::1]").kind).toBe("loopback");
    for (const bad of ["localhost", "127.1", "0x7f.0.0.1", "2130706433", "", "1.2.3.4.5"])
      expect(() => classifyAddress(bad), bad).toThrow(/Not an IP address/);
  });

  it("describes a verdict with the IPv4 inside", () => {
    expect(describeVerdict(classifyAddress("127.0.0.1"))).toBe("127.0.0.1 (loopback)");
    expect(describeVerdict(classifyAddress("::ffff:127.0.0.1"))).toBe(
      "::ffff:7f00:1 (loopback 127.0.0.1 inside IPv6)",
    );
  });
});

// The URL parser (WHATWG, as undici and fetch use it) turns every IPv4 spelling into four-part
// decimal before the policy sees the host; these pin that, so the policy needs no parser of its own.
describe("IPv4 spellings in URLs reach the policy as dotted decimal", () => {
  it.each([
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://0x7f.0.0.1/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://0177.0.0.01/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://127.0.1/", "127.0.0.1"],
    ["http://0/", "0.0.0.0"],
    ["http://0.0.0.0/", "0.0.0.0"],
    ["http://%31%32%37.0.0.1/", "127.0.0.1"],
    ["http://127.0.0.1./", "127.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "[::ffff:7f00:1]"],
    ["http://[0:0:0:0:0:ffff:7f00:1]/", "[::ffff:7f00:1]"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"],
    ["http://2852039166/", "169.254.169.254"],
  ])("%s → %s, blocked", (url, host) => {
    const { hostname } = new URL(url);
    expect(hostname).toBe(host);
    expect(isIpLiteral(hostname)).toBe(true);
    expect(classifyAddress(hostname).kind).not.toBe("public");
  });

  it("a host that is not a valid IPv4 spelling does not parse at all", () => {
    for (const url of ["http://1.2.3.4.5/", "http://256.0.0.1/", "http://0x100000000/"])
      expect(() => new URL(url), url).toThrow();
  });
});

describe("parseAllowList", () => {
  it("reads hostnames, wildcards, addresses and CIDRs from a list or a string", () => {
    const a = parseAllowList("api.example.com, *.Internal.Example.com  10.0.0.0/8,127.0.0.1 ::1");
    expect([...a.hosts]).toEqual(["api.example.com"]);
    expect(a.suffixes).toEqual(["internal.example.com"]);
    expect(a.cidrs.map(([ip, bits]) => `${ip.toString()}/${bits}`)).toEqual([
      "10.0.0.0/8",
      "127.0.0.1/32",
      "::1/128",
    ]);
    const b = parseAllowList(["localhost.", "fd00::/8", "[::1]", " ", ""]);
    expect([...b.hosts]).toEqual(["localhost"]);
    expect(b.cidrs).toHaveLength(2);
  });

  it.each([
    "http://example.com",
    "example.com/path",
    "*",
    "*.",
    "a.*.example.com",
    "10.0.0.0/33",
    "10.0.0.0/",
    "10.0.0.0/8x",
    "::1/129",
    "127.1", // a URL spelling, not an entry
    "0x7f.0.0.1",
    "300.1.2.3",
    "exa mple.com",
    "-bad.example.com",
    "user@example.com",
  ])("refuses %j, naming it", (entry) => {
    expect(() => parseAllowList(["ok.example.com", entry])).toThrow(
      `Invalid HTTP allow list entry "${entry.trim()}"`,
    );
  });
});

describe("isAllowed", () => {
  const allow = parseAllowList([
    "localhost",
    "*.corp.example",
    "10.1.0.0/16",
    "127.0.0.2/32",
    "fd00:1::/32",
    "169.254.0.0/16",
  ]);
  it.each<[string, string, boolean]>([
    ["localhost", "127.0.0.1", true],
    ["LOCALHOST.", "::1", true],
    ["a.corp.example", "10.9.9.9", true],
    ["a.b.corp.example", "192.168.0.1", true],
    ["corp.example", "10.9.9.9", false], // the wildcard is for subdomains only
    ["evilcorp.example", "10.9.9.9", false],
    ["x.test", "10.1.2.3", true],
    ["x.test", "10.2.0.1", false],
    ["x.test", "127.0.0.2", true],
    ["x.test", "127.0.0.1", false],
    ["x.test", "::ffff:127.0.0.2", true], // the IPv4 inside is in the CIDR
    ["x.test", "fd00:1::5", true],
    ["x.test", "fd00:2::5", false],
    ["127.0.0.2", "127.0.0.2", true],
    ["x.test", "169.254.1.1", true],
    // Metadata: neither the /16 nor a hostname entry opens it
    ["x.test", "169.254.169.254", false],
    ["localhost", "169.254.169.254", false],
    ["x.test", "not-an-ip", false],
  ])("%s at %s → %s", (host, ip, expected) => {
    expect(isAllowed(host, ip, allow)).toBe(expected);
  });

  it("lets a metadata address through only by an entry naming it exactly", () => {
    expect(isAllowed("x", "169.254.169.254", parseAllowList("169.254.169.254"))).toBe(true);
    expect(isAllowed("x", "::ffff:169.254.169.254", parseAllowList("169.254.169.254/32"))).toBe(
      true,
    );
    expect(isAllowed("x", "fd00:ec2::254", parseAllowList("fd00:ec2::/64"))).toBe(false);
    expect(isAllowed("x", "fd00:ec2::254", parseAllowList("fd00:ec2::254"))).toBe(true);
  });
});
