import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientIp, resolveClientIp, trustCheck } from "@/lib/http/client-ip";
import { normalizeForwarding } from "@/lib/server/forwarding";

describe("resolveClientIp: who the client is", () => {
  const none = trustCheck([]);
  const proxy = trustCheck(["127.0.0.1", "10.0.0.0/8"]);

  it("without trusted proxies it is the socket's peer, whatever X-Forwarded-For claims", () => {
    expect(resolveClientIp("203.0.113.5", "1.2.3.4", none)).toBe("203.0.113.5");
    expect(resolveClientIp("::ffff:203.0.113.5", "1.2.3.4, 5.6.7.8", none)).toBe("203.0.113.5");
    expect(resolveClientIp("127.0.0.1", "9.9.9.9", none)).toBe("127.0.0.1");
  });

  it("behind trusted proxies it is the last untrusted hop, read from the right", () => {
    // The client sent "6.6.6.6" itself; the proxy appended the address it saw.
    expect(resolveClientIp("127.0.0.1", "6.6.6.6, 203.0.113.7", proxy)).toBe("203.0.113.7");
    expect(resolveClientIp("127.0.0.1", "127.0.0.1, 6.6.6.6", proxy)).toBe("6.6.6.6");
    expect(resolveClientIp("10.1.2.3", "6.6.6.6, 203.0.113.7, 10.9.9.9", proxy)).toBe(
      "203.0.113.7",
    );
    expect(resolveClientIp("127.0.0.1", "10.0.0.1, 10.0.0.2", proxy)).toBe("10.0.0.1");
    expect(resolveClientIp("127.0.0.1", undefined, proxy)).toBe("127.0.0.1");
  });

  it("hops written with a port or brackets, and a mapped range of proxies, are understood", () => {
    expect(resolveClientIp("127.0.0.1", "203.0.113.7:51234", proxy)).toBe("203.0.113.7");
    expect(resolveClientIp("127.0.0.1", "[2001:db8::1]:443", proxy)).toBe("2001:db8::1");
    expect(resolveClientIp("127.0.0.1", "[2001:db8::2]", proxy)).toBe("2001:db8::2");
    const mapped = trustCheck(["::ffff:127.0.0.0/104"]);
    expect(resolveClientIp("127.0.0.1", "203.0.113.9", mapped)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:127.0.0.1", "203.0.113.9", mapped)).toBe("203.0.113.9");
  });

  it("clientIp (Vercel, next start) walks X-Forwarded-For by the same rule", () => {
    const headers = (xff: string) => new Headers({ "x-forwarded-for": xff });
    expect(clientIp(headers("6.6.6.6, garbage"), [])).toBeUndefined();
    expect(clientIp(headers("6.6.6.6, 203.0.113.7"), [])).toBe("203.0.113.7");
    expect(clientIp(headers("6.6.6.6, 203.0.113.7, 10.1.1.1"), ["10.0.0.0/8"])).toBe("203.0.113.7");
  });

  it("an unreadable hop ends the walk at the proxy that wrote it", () => {
    expect(resolveClientIp("127.0.0.1", "203.0.113.7, garbage", proxy)).toBe("127.0.0.1");
    expect(resolveClientIp("127.0.0.1", "garbage, 203.0.113.8", proxy)).toBe("203.0.113.8");
  });

  it("a request with no peer address has no client address", () => {
    expect(resolveClientIp(undefined, "1.2.3.4", proxy)).toBeUndefined();
  });
});

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** What a real server, normalizing with `proxies`, sees of a loopback request with `headers`. */
async function seen(proxies: string[], headers: Record<string, string>) {
  server = http.createServer((req, res) => {
    normalizeForwarding(req, trustCheck(proxies));
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
  return (await res.json()) as Record<string, string | undefined>;
}

describe("normalizeForwarding on a real connection", () => {
  const forged = {
    "x-forwarded-for": "6.6.6.6",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    forwarded: "for=6.6.6.6;host=evil.example",
  };

  it("from an untrusted peer: X-Forwarded-For is the peer, the other forwarding headers go", async () => {
    const h = await seen([], forged);
    expect([
      h["x-forwarded-for"],
      h["x-forwarded-host"],
      h["x-forwarded-proto"],
      h.forwarded,
    ]).toEqual(["127.0.0.1", undefined, undefined, undefined]);
  });

  it("from a trusted proxy: the client it names, and its forwarding headers kept", async () => {
    const h = await seen(["127.0.0.1"], { ...forged, "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect([h["x-forwarded-for"], h["x-forwarded-host"], h["x-forwarded-proto"]]).toEqual([
      "203.0.113.7",
      "evil.example",
      "https",
    ]);
  });
});
