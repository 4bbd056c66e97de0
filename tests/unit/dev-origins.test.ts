import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { devOrigins } from "@/lib/config/dev-origins";
import nextConfig from "@/next.config";

const iface = (address: string, family: "IPv4" | "IPv6", internal = false) =>
  ({ address, family, internal, netmask: "", mac: "", cidr: null }) as NetworkInterfaceInfo;

describe("allowedDevOrigins", () => {
  it("allows the loopback addresses and every interface address, IPv6 in brackets", () => {
    const hosts = devOrigins({
      lo: [iface("127.0.0.1", "IPv4", true), iface("::1", "IPv6", true)],
      eth0: [iface("192.168.1.23", "IPv4"), iface("fe80::1%eth0", "IPv6")],
    });
    expect(hosts.sort()).toEqual(["127.0.0.1", "192.168.1.23", "[::1]", "[fe80::1]"].sort());
  });

  it("is what next.config gives `next dev`, for this machine's real addresses", () => {
    const v4 = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i?.family === "IPv4")
      .map((i) => i!.address);
    expect(v4.length).toBeGreaterThan(0);
    expect(nextConfig.allowedDevOrigins).toEqual(expect.arrayContaining(["127.0.0.1", ...v4]));
  });
});
