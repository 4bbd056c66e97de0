import { execFileSync } from "node:child_process";
import { getEventListeners } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseAllowList } from "@/lib/net/address-policy";
import { safeFetch, SafeHttpError, type SafeFetchOptions } from "@/lib/net/safe-http";
import {
  startLoopbackServers,
  startTlsServer,
  type LoopbackServers,
} from "../helpers/loopback-servers";

// What safeFetch does for an allowed host: limits, redirects, headers and bodies, TLS. The app
// server on 127.0.0.2 is allowed by CIDR; the canary on 127.0.0.1 is not.
let s: LoopbackServers;
beforeAll(async () => {
  s = await startLoopbackServers();
});
afterAll(() => s.close());
beforeEach(() => {
  s.canary.reset();
  s.app.reset();
});

const opts = {
  timeoutMs: 2000,
  maxBytes: 1000,
  allow: parseAllowList("127.0.0.2/32"),
} satisfies SafeFetchOptions;
const at = (p: string) => `http://127.0.0.2:${s.port}${p}`;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("the request should have failed"),
    (e: unknown) => e as SafeHttpError,
  );
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: unknown) => (e instanceof SafeHttpError ? e.code : `not a SafeHttpError: ${String(e)}`),
  );

describe("limits", () => {
  it("a server that never answers: timeout, within about the timeout", async () => {
    const started = Date.now();
    const err = await failure(safeFetch({ url: at("/hang") }, { ...opts, timeoutMs: 300 }));
    const took = Date.now() - started;
    expect(err).toMatchObject({ code: "timeout" });
    expect(err.message).toBe("The request to 127.0.0.2:" + s.port + " timed out after 300 ms.");
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
  });

  it("the caller's abort ends a request in flight with its reason; no listener is left", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("workflow cancelled")), 50);
    const started = Date.now();
    await expect(
      safeFetch({ url: at("/hang") }, { ...opts, signal: controller.signal }),
    ).rejects.toThrow("workflow cancelled");
    expect(Date.now() - started).toBeLessThan(1000);
    const kept = new AbortController();
    await safeFetch({ url: at("/echo") }, { ...opts, signal: kept.signal });
    await safeFetch({ url: at("/big") }, { ...opts, signal: kept.signal }).catch(() => {});
    expect(getEventListeners(kept.signal, "abort")).toHaveLength(0);
  });

  it("a resolver that never answers: timeout too", async () => {
    const lookup = () => new Promise<never>(() => {});
    const started = Date.now();
    expect(
      await codeOf(safeFetch({ url: "http://slow.test/" }, { ...opts, timeoutMs: 200, lookup })),
    ).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("a body over maxBytes fails, declared or counted; maxBytes itself passes", async () => {
    expect(await codeOf(safeFetch({ url: at("/big") }, opts))).toBe("too_large");
    expect(await codeOf(safeFetch({ url: at("/chunked") }, opts))).toBe("too_large");
    const exact = await safeFetch({ url: at("/exact") }, opts);
    expect(exact).toMatchObject({ status: 200, bytes: 1000 });
    const roomy = await safeFetch({ url: at("/chunked") }, { ...opts, maxBytes: 3000 });
    expect(roomy.bytes).toBe(3000);
  });

  it("more than maxRedirects: too_many_redirects, after maxRedirects hops", async () => {
    const err = await failure(safeFetch({ url: at("/loop/0") }, opts));
    expect(err).toMatchObject({ code: "too_many_redirects" });
    expect(err.message).toContain("redirected more than 5 times (last to /loop/6)");
    expect(s.app.hits).toBe(6);
    s.app.reset();
    expect(await codeOf(safeFetch({ url: at("/loop/0") }, { ...opts, maxRedirects: 2 }))).toBe(
      "too_many_redirects",
    );
    expect(s.app.hits).toBe(3);
  });

  it("a refused connection: network, naming the host", async () => {
    const allow = parseAllowList("127.0.0.3");
    const err = await failure(
      safeFetch({ url: `http://127.0.0.3:${s.port}/` }, { ...opts, allow }),
    );
    expect(err).toMatchObject({ code: "network" });
    expect(err.message).toMatch(/^The request to 127\.0\.0\.3:\d+ failed: .*ECONNREFUSED/);
  });
});

describe("redirects", () => {
  it.each([
    [303, "POST", "GET", ""],
    [302, "POST", "GET", ""],
    [301, "POST", "GET", ""],
    [303, "PUT", "GET", ""],
    [302, "PUT", "PUT", "payload"],
    [307, "POST", "POST", "payload"],
    [308, "PUT", "PUT", "payload"],
  ])("%i after %s → %s", async (status, method, expected, body) => {
    const res = await safeFetch(
      {
        url: at(`/${status}`),
        method,
        body: "payload",
        headers: { "content-type": "text/x-test" },
      },
      opts,
    );
    expect(res).toMatchObject({ status: 200, url: at("/echo"), redirects: 1 });
    const seen = JSON.parse(res.body);
    expect(seen).toMatchObject({ method: expected, body });
    expect(seen.headers["content-type"]).toBe(body ? "text/x-test" : undefined);
  });

  it("credentials stay with their origin; other headers follow", async () => {
    const allow = parseAllowList("127.0.0.2, 127.0.0.1");
    const headers = { authorization: "Bearer secret", cookie: "a=b", "x-trace": "t1" };
    await safeFetch(
      { url: at(`/to?u=${encodeURIComponent(`http://127.0.0.1:${s.port}/`)}`), headers },
      { ...opts, allow },
    );
    expect(s.canary.seen[0]?.headers).toMatchObject({ "x-trace": "t1" });
    expect(s.canary.seen[0]?.headers.authorization).toBeUndefined();
    expect(s.canary.seen[0]?.headers.cookie).toBeUndefined();
    await safeFetch({ url: at(`/to?u=/echo`), headers }, opts);
    expect(s.app.seen[2]?.headers).toMatchObject({ authorization: "Bearer secret", cookie: "a=b" });
  });
});

describe("requests and responses", () => {
  it("headers and body go through; Host and framing are the client's", async () => {
    const res = await safeFetch(
      {
        url: at("/echo?q=1"),
        method: "post",
        headers: {
          "X-Custom": "v",
          "content-type": "application/json",
          host: "internal.admin",
          "content-length": "1",
        },
        body: JSON.stringify({ hello: "wörld" }),
      },
      opts,
    );
    expect(res).toMatchObject({ status: 200, url: at("/echo?q=1"), redirects: 0 });
    expect(res.headers).toMatchObject({ "x-reply": "yes", "content-type": "application/json" });
    const seen = JSON.parse(res.body);
    expect(seen).toMatchObject({ method: "POST", url: "/echo?q=1", body: '{"hello":"wörld"}' });
    expect(seen.headers).toMatchObject({
      "x-custom": "v",
      "content-type": "application/json",
      host: `127.0.0.2:${s.port}`,
      "content-length": String(Buffer.byteLength('{"hello":"wörld"}')),
      "accept-encoding": "identity",
    });
    expect(res.bytes).toBe(Buffer.byteLength(res.body));
  });

  it("a string body without a type is sent as text/plain", async () => {
    const res = await safeFetch({ url: at("/echo"), method: "POST", body: "hi" }, opts);
    expect(JSON.parse(res.body).headers["content-type"]).toBe("text/plain;charset=UTF-8");
  });

  it("decodes the body as UTF-8", async () => {
    const res = await safeFetch({ url: at("/utf8") }, opts);
    expect(res.body).toBe("héllo ✓ 日本");
    expect(res.bytes).toBe(Buffer.byteLength("héllo ✓ 日本"));
  });
});

describe("https to an allowed host", () => {
  let tls: Awaited<ReturnType<typeof startTlsServer>> | undefined;
  let cert = "";
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "safe-http-tls-"));
    const [certFile, keyFile] = [path.join(dir, "cert.pem"), path.join(dir, "key.pem")];
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "1",
        "-subj",
        "/CN=secure.test",
        "-addext",
        "subjectAltName=DNS:secure.test",
      ],
      { stdio: "ignore" },
    );
    cert = readFileSync(certFile, "utf8");
    tls = await startTlsServer(cert, readFileSync(keyFile, "utf8"));
  });
  afterAll(() => tls?.close());

  const lookup = async () => [{ address: "127.0.0.2", family: 4 as const }];
  const allow = parseAllowList("secure.test, 127.0.0.2");

  it("connects to the checked address and verifies the certificate for the URL's name", async () => {
    const res = await safeFetch(
      { url: `https://secure.test:${tls!.port}/` },
      { ...opts, allow, lookup, ca: cert },
    );
    expect(res).toMatchObject({ status: 200, body: "secure" });
  });

  it("an untrusted or mismatched certificate: network", async () => {
    const url = `https://secure.test:${tls!.port}/`;
    expect(await codeOf(safeFetch({ url }, { ...opts, allow, lookup }))).toBe("network");
    const byIp = `https://127.0.0.2:${tls!.port}/`; // the certificate names secure.test only
    expect(await codeOf(safeFetch({ url: byIp }, { ...opts, allow, ca: cert }))).toBe("network");
  });
});
