import type { NetworkInterfaceInfo } from "node:os";

/**
 * The hosts `next dev` serves its scripts and HMR socket to (next.config `allowedDevOrigins`).
 * Next 16 allows only localhost by default, so opening http://127.0.0.1:3000 or the "Network"
 * address it prints (another device on the LAN) never hydrated, and every form fell back to a
 * plain submit. Allowed: the loopback addresses and every address of this machine's interfaces,
 * i.e. exactly the URLs the dev server can be reached at. Development only.
 */
export function devOrigins(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const hosts = new Set(["127.0.0.1", "[::1]"]);
  for (const list of Object.values(interfaces))
    for (const info of list ?? [])
      hosts.add(info.family === "IPv6" ? `[${info.address.split("%")[0]}]` : info.address);
  return [...hosts];
}
