import { lookup as dnsLookup } from "node:dns/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseAllowList } from "@/lib/net/address-policy";
import {
  safeFetch,
  SafeHttpError,
  type Lookup,
  type SafeFetchOptions,
  type SafeRequest,
} from "@/lib/net/safe-http";
import { startLoopbackServers, type LoopbackServers } from "../helpers/loopback-servers";

// SSRF proofs: a canary on 127.0.0.1 and ::1 counts every connection that reaches it. Every
// blocked form must leave it at 0 hits; allowing it must give exactly 1.
let s: LoopbackServers;
beforeAll(async () => {
  s = await startLoopbackServers();
});
afterAll(() => s.close());
beforeEach(() => {
  s.canary.reset();
  s.app.reset();
});

const base = { timeoutMs: 2000, maxBytes: 100_000 } satisfies SafeFetchOptions;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("the request should have been refused"),
    (e: unknown) => {
      expect(e).toBeInstanceOf(SafeHttpError);
      return e as SafeHttpError;
    },
  );
const fixed =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const forms = () => [
  `http://127.0.0.1:${s.port}/`,
  `http://localhost:${s.port}/`,
  ...(s.ipv6 ? [`http://[::1]:${s.port}/`] : []),
  `http://[::ffff:127.0.0.1]:${s.port}/`,
  `http://2130706433:${s.port}/`,
  `http://0x7f000001:${s.port}/`,
  `http://0x7f.0.0.1:${s.port}/`,
  `http://0177.0.0.1:${s.port}/`,
  `http://127.1:${s.port}/`,
  `http://0.0.0.0:${s.port}/`,
];

describe("safeFetch refuses loopback in every spelling", () => {
  it("control: each form does reach the canary with a plain fetch", async () => {
    for (const url of forms()) {
      const before = s.canary.hits;
      expect(await (await fetch(url)).text(), url).toBe("canary");
      expect(s.canary.hits, url).toBe(before + 1);
    }
  });

  it("each form is refused before any connection: 0 hits", async () => {
    for (const url of forms()) {
      const err = await failure(safeFetch({ url }, base));
      expect(err.code, url).toBe("blocked_address");
      expect(err.message, url).toMatch(/^Refused to connect to \S+ \((loopback|unspecified)/);
    }
    expect(s.canary.hits).toBe(0);
  });

  it("names the address, the host and the way out", async () => {
    const err = await failure(safeFetch({ url: `http://localhost:${s.port}/` }, base));
    expect(err.message).toMatch(
      /^Refused to connect to (127\.0\.0\.1|::1) \(loopback\) for host localhost: private and local addresses are blocked; allow it with WORKFLOW_HTTP_ALLOW\.$/,
    );
    const mapped = await failure(safeFetch({ url: `http://[::ffff:127.0.0.1]:${s.port}/` }, base));
    expect(mapped.message).toContain("::ffff:7f00:1 (loopback 127.0.0.1 inside IPv6):");
  });

  it("a name resolving to loopback, alone or among public addresses, is refused", async () => {
    for (const lookup of [fixed("127.0.0.1"), fixed("93.184.216.34", "127.0.0.1"), fixed("::1")]) {
      const err = await failure(
        safeFetch({ url: `http://evil.test:${s.port}/` }, { ...base, lookup }),
      );
      expect(err.code).toBe("blocked_address");
      expect(err.message).toContain("for host evil.test");
    }
    expect(s.canary.hits).toBe(0);
  });

  it("cloud metadata is refused by policy, even under a broad allow entry", async () => {
    const lookup = vi.fn(fixed("169.254.169.254"));
    const allow = parseAllowList("169.254.0.0/16, fd00::/8, metadata.test");
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://metadata.test/computeMetadata/v1/",
    ]) {
      const err = await failure(safeFetch({ url }, { ...base, allow, lookup }));
      expect(err.code, url).toBe("blocked_address");
      expect(err.message, url).toContain("(cloud metadata");
    }
    expect(lookup).toHaveBeenCalledTimes(1); // only metadata.test needed a lookup
  });
});

describe("safeFetch connects to the address it checked", () => {
  it("a rebinding name (public, then loopback) never reaches the canary", async () => {
    const answers = ["93.184.216.34", "127.0.0.1"];
    const lookup = vi.fn(async () => [{ address: answers.shift()!, family: 4 as const }]);
    const outcome = await safeFetch(
      { url: `http://rebind.test:${s.port}/` },
      { ...base, timeoutMs: 500, lookup },
    ).then(
      (r) => ({ body: r.body }),
      (e: unknown) => ({ code: (e as SafeHttpError).code }),
    );
    // Offline the public address is unreachable (network or timeout); a runner with internet may
    // get an answer from it. Either way it was the checked address that was dialled.
    if ("code" in outcome) expect(["network", "timeout"]).toContain(outcome.code);
    else expect(outcome.body).not.toBe("canary");
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(s.canary.hits).toBe(0);
  });

  it("deterministically: checked 127.0.0.2 (allowed), rebound to 127.0.0.1, same port", async () => {
    const answers = ["127.0.0.2", "127.0.0.1"];
    const lookup = vi.fn(async () => [{ address: answers.shift()!, family: 4 as const }]);
    const allow = parseAllowList("127.0.0.2/32");
    const res = await safeFetch(
      { url: `http://flip.test:${s.port}/echo` },
      { ...base, allow, lookup },
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).headers.host).toBe(`flip.test:${s.port}`);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(s.app.hits).toBe(1);
    expect(s.canary.hits).toBe(0);
  });
});

describe("redirects are re-checked at every hop", () => {
  const to = (target: string, host = "127.0.0.2") =>
    `http://${host}:${s.port}/to?u=${encodeURIComponent(target)}`;

  it.each([
    ["an allowed CIDR", "127.0.0.2", parseAllowList("127.0.0.2/32")],
    ["an allowed hostname", "redirector.test", parseAllowList("redirector.test")],
  ])("from %s to loopback: refused after the first hop", async (_, host, allow) => {
    // redirector.test is 127.0.0.2; every other name resolves as usual (localhost: loopback).
    const lookup: Lookup = async (name) =>
      name === "redirector.test"
        ? [{ address: "127.0.0.2", family: 4 }]
        : (await dnsLookup(name, { all: true })).map((a) => ({
            address: a.address,
            family: a.family === 6 ? 6 : 4,
          }));
    const targets = [
      `http://127.0.0.1:${s.port}/`,
      `http://localhost:${s.port}/`,
      `http://2130706433:${s.port}/`,
      ...(s.ipv6 ? [`http://[::1]:${s.port}/`] : []),
    ];
    for (const target of targets) {
      const err = await failure(safeFetch({ url: to(target, host) }, { ...base, allow, lookup }));
      expect(err.code, target).toBe("blocked_address");
    }
    expect(s.app.hits).toBe(targets.length);
    expect(s.canary.hits).toBe(0);
  });

  it("to a scheme other than http(s): invalid_url", async () => {
    const allow = parseAllowList("127.0.0.2");
    for (const target of ["file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "ftp://x/"]) {
      const err = await failure(safeFetch({ url: to(target) }, { ...base, allow }));
      expect(err.code, target).toBe("invalid_url");
    }
  });
});

describe("allowed, the canary is reached exactly once", () => {
  it.each([
    ["127.0.0.1/32", `http://127.0.0.1:PORT/`],
    ["127.0.0.1", `http://2130706433:PORT/`],
    ["localhost", `http://localhost:PORT/`],
    ["::1", `http://[::1]:PORT/`],
  ])("allow %s, fetch %s", async (entry, url) => {
    if (entry === "::1" && !s.ipv6) return;
    const res = await safeFetch(
      { url: url.replace("PORT", String(s.port)) },
      { ...base, allow: parseAllowList(entry) },
    );
    expect(res).toMatchObject({ status: 200, body: "canary", redirects: 0, bytes: 6 });
    expect(s.canary.hits).toBe(1);
  });
});

describe("what is refused before any connection", () => {
  it.each([
    ["not a URL", "invalid_url"],
    ["ftp://127.0.0.2/", "invalid_url"],
    ["file:///etc/passwd", "invalid_url"],
    ["data:text/plain,hi", "invalid_url"],
    ["http://user:secret@127.0.0.2:PORT/", "invalid_url"],
    ["http://:secret@127.0.0.2:PORT/", "invalid_url"],
  ])("%s → %s", async (url, code) => {
    const err = await failure(
      safeFetch(
        { url: url.replace("PORT", String(s.port)) },
        { ...base, allow: parseAllowList("127.0.0.2") },
      ),
    );
    expect(err.code).toBe(code);
    expect(s.app.hits + s.canary.hits).toBe(0);
  });

  it("a bad method or header: invalid_request", async () => {
    const url = `http://127.0.0.2:${s.port}/echo`;
    const opts = { ...base, allow: parseAllowList("127.0.0.2") };
    const requests: SafeRequest[] = [
      { url, method: "CONNECT" },
      { url, method: "GE T" },
      { url, headers: { "x-a": "1\r\nx-injected: 2" } },
      { url, headers: { "bad header": "1" } },
    ];
    for (const request of requests)
      expect((await failure(safeFetch(request, opts))).code).toBe("invalid_request");
    expect(s.app.hits).toBe(0);
  });

  it("an aborted caller signal rejects with its reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("caller gave up"));
    const allow = parseAllowList("127.0.0.2");
    await expect(
      safeFetch(
        { url: `http://127.0.0.2:${s.port}/echo` },
        { ...base, allow, signal: controller.signal },
      ),
    ).rejects.toThrow("caller gave up");
    expect(s.app.hits).toBe(0);
  });
});
