import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { toHttpResponse } from "@/lib/http/errors";
import { JsonAnswer, SseAnswer } from "@/lib/http/answer";
import { RequestHeaders, sendResponse, toApiRequest } from "@/lib/server/node-http";

/** A real node:http server whose listener is the test's; closed after each test. */
let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

function listen(onRequest: http.RequestListener): Promise<number> {
  server = http.createServer(onRequest);
  return new Promise((resolve) =>
    server!.listen(0, "127.0.0.1", () => resolve((server!.address() as AddressInfo).port)),
  );
}

/** Sends raw bytes and returns what came back (until the server closes or `ms` pass). */
function raw(port: number, chunks: (string | Buffer)[], o: { end?: boolean } = {}) {
  return new Promise<string>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let out = "";
    socket.on("data", (d) => (out += d.toString("utf8")));
    socket.on("close", () => resolve(out));
    socket.on("error", () => resolve(out));
    socket.on("connect", async () => {
      for (const c of chunks) {
        socket.write(c);
        await new Promise((r) => setTimeout(r, 10));
      }
      if (o.end === false) socket.destroy();
      else setTimeout(() => socket.end(), 200);
    });
  });
}

describe("server entry: Node's request as the API core reads it", () => {
  it("reads headers in place as Next.js would merge them, and adds the socket address once", async () => {
    const seen: Record<string, unknown>[] = [];
    const port = await listen((req, res) => {
      const h = new RequestHeaders(req);
      const before = h.get("X-Request-Id");
      h.set("x-request-id", "assigned-by-server");
      seen.push({
        cookie: h.get("cookie"),
        custom: h.get("X-Custom"),
        xff: h.get("x-forwarded-for"),
        missing: h.get("x-missing"),
        hasMissing: h.has("x-missing"),
        hasCustom: h.has("x-custom"),
        before,
        after: h.get("X-REQUEST-ID"),
      });
      res.end();
    });
    await raw(port, [
      "GET / HTTP/1.1\r\nHost: x\r\nCookie: a=1\r\nCookie: b=2\r\nX-Custom: one\r\nX-Custom: two\r\n" +
        "X-Request-Id: from-client\r\nConnection: close\r\n\r\n",
    ]);
    await raw(port, [
      "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n",
    ]);
    expect(seen[0]).toEqual({
      cookie: "a=1; b=2",
      custom: "one, two",
      xff: "127.0.0.1",
      missing: null,
      hasMissing: false,
      hasCustom: true,
      before: "from-client",
      after: "assigned-by-server",
    });
    // The client's own header is kept (the walk from the right decides: lib/http/client-ip.ts).
    expect(seen[1]!.xff).toBe("203.0.113.9");
  });

  it("reads a chunked body whose UTF-8 characters are split across chunks", async () => {
    let text: string | undefined;
    const port = await listen(async (req, res) => {
      const headers = new RequestHeaders(req);
      text = await toApiRequest(req, res, headers, new URL("http://x/")).text(1024);
      res.end();
    });
    const body = Buffer.from('{"q":"héllo 🌍"}', "utf8");
    const cut = body.indexOf(0xf0) + 2; // inside the 4-byte emoji
    const chunk = (b: Buffer) =>
      Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n")]);
    await raw(port, [
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
      chunk(body.subarray(0, cut)),
      chunk(body.subarray(cut)),
      "0\r\n\r\n",
    ]);
    expect(text).toBe('{"q":"héllo 🌍"}');
  });

  it("refuses a body past the cap, declared or sent, with a 413 the client receives, then closes", async () => {
    const errors: unknown[] = [];
    const port = await listen(async (req, res) => {
      try {
        await toApiRequest(req, res, new RequestHeaders(req), new URL("http://x/")).text(8);
        res.end();
      } catch (err) {
        errors.push(err);
        await sendResponse(res, toHttpResponse(err, "rid-12345678"), {});
      }
    });
    const declared = await raw(port, [
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n123456789",
    ]);
    // Chunked, over the cap in its second chunk, and never finished: the server must not wait
    // for the rest, and the client must still get the answer (not a reset).
    const chunked = await raw(port, [
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
      "5\r\n12345\r\n",
      "5\r\n67890\r\n",
    ]);
    expect(errors.map((e) => (e as AppError).status)).toEqual([413, 413]);
    for (const answer of [declared, chunked]) {
      expect(answer.startsWith("HTTP/1.1 413 ")).toBe(true);
      expect(answer.toLowerCase()).toContain("\r\nconnection: close\r\n");
      expect(answer).toContain('"code":"payload_too_large"');
    }
  });

  it("answers a client that hangs up mid-body with the client's error (400), never a hang or a 5xx", async () => {
    const outcome = new Promise<unknown>((resolve) => {
      void listen(async (req, res) => {
        try {
          resolve(
            await toApiRequest(req, res, new RequestHeaders(req), new URL("http://x/")).text(1024),
          );
        } catch (err) {
          resolve(err);
        }
      }).then((port) =>
        raw(port, ["POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n", '{"half":'], {
          end: false,
        }),
      );
    });
    const err = (await outcome) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(400);
    expect(err.message).toBe("The connection closed before the whole body arrived.");
  });

  it("writes a JSON answer at once, with its byte length and every header", async () => {
    const port = await listen(async (_req, res) => {
      const answer = JsonAnswer.of({ q: "héllo" }, { status: 201, headers: { "x-a": "1" } });
      answer.headers.append("set-cookie", "a=1");
      answer.headers.append("set-cookie", "b=2");
      await sendResponse(res, answer, { "X-Request-Id": "rid-12345678" });
    });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength('{"q":"héllo"}')));
    expect(res.headers.get("x-a")).toBe("1");
    expect(res.headers.get("x-request-id")).toBe("rid-12345678");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res.json()).toEqual({ q: "héllo" });
  });

  it("streams an event stream's frames as they come, and stops the producer when the client leaves", async () => {
    let produced = 0;
    let stopped = false;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* frames() {
      try {
        yield "data: 1\n\n";
        produced++;
        await gate; // the producer waits (a slow provider) while the client reads the first frame
        for (;;) {
          yield "data: more\n\n";
          produced++;
          await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        stopped = true;
      }
    }
    let sent!: Promise<void>;
    const port = await listen((_req, res) => {
      sent = sendResponse(res, new SseAnswer(frames(), { "x-a": "1" }), {});
    });
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("x-a")).toBe("1");
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: 1\n\n");
    controller.abort();
    release();
    await sent;
    expect(stopped).toBe(true);
    expect(produced).toBeLessThan(5);
  });

  it("stops the producer of a stream whose client left before the first frame was written", async () => {
    let returned = false;
    const frames: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: "data: 1\n\n" }),
        return: async () => ((returned = true), { done: true, value: undefined }),
      }),
    };
    const sent = new Promise<void>((resolve) => {
      void listen((req, res) => {
        // Answer only once the client is gone (a slow provider open, a client that gave up).
        res.once("close", () => void sendResponse(res, new SseAnswer(frames), {}).then(resolve));
      }).then((port) => raw(port, ["GET / HTTP/1.1\r\nHost: x\r\n\r\n"], { end: false }));
    });
    await sent;
    expect(returned).toBe(true);
  });
});
