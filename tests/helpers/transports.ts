import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { afterAll } from "vitest";
import * as v1Unknown from "@/app/api/v1/[[...path]]/route";
import * as v1Chat from "@/app/api/v1/chat/completions/route";
import * as v1Models from "@/app/api/v1/models/route";
import * as v1Model from "@/app/api/v1/models/[...id]/route";
import { createGateway } from "@/lib/server/gateway";
import { getServices } from "@/lib/services";
import { proxy } from "@/proxy";
import { request, type CallOptions } from "./http";

/**
 * The two ways an API request reaches the API core, for tests that must hold on both:
 * - "next": Next.js's pipeline as it runs in production: proxy.ts (gate, headers), then the
 *   app/api route handler, with the proxy's response headers applied to the handler's answer;
 * - "server entry": the gateway of the server entry (lib/server/gateway.ts) behind a real
 *   node:http server in this process, reached over loopback HTTP.
 * Both answer with the services the test installed.
 */
export interface ApiTransport {
  name: string;
  fetch(req: Request): Promise<Response>;
  call(path: string, o?: CallOptions): Promise<Response>;
}

type Handler = (
  req: Request,
  segment: { params: Promise<Record<string, string>> },
) => Promise<Response>;
type RouteModule = Partial<Record<string, unknown>>;
/** The app/api/v1 route files as Next.js matches them: static paths, then catch-alls by prefix. */
const ROUTES: Record<string, RouteModule> = {
  "/api/v1/chat/completions": v1Chat,
  "/api/v1/models": v1Models,
  "/api/v1": v1Unknown,
};
const PREFIX_ROUTES: [string, RouteModule][] = [
  ["/api/v1/models/", v1Model],
  ["/api/v1/", v1Unknown],
];
/** The route's handler for the method; 404 without a route file, 405 without the method. */
function routeOf(pathname: string, method: string): Handler | number {
  const file =
    ROUTES[pathname] ??
    PREFIX_ROUTES.find(([p]) => pathname.startsWith(p) && pathname.length > p.length)?.[1];
  return file ? ((file[method] as Handler | undefined) ?? 405) : 404;
}

async function throughNext(req: Request): Promise<Response> {
  // The proxy never reads the body: give it the head only, so the body stays for the handler.
  const gate = proxy(new NextRequest(req.url, { method: req.method, headers: req.headers }));
  // NextResponse.next() marks "carry on to the route"; anything else is the proxy's own answer.
  if (!gate.headers.has("x-middleware-next")) return gate;
  const { pathname } = new URL(req.url);
  const handler = routeOf(pathname, req.method);
  if (typeof handler === "number") return new Response(null, { status: handler });
  const headers = new Headers(req.headers);
  headers.set("x-request-id", gate.headers.get("x-request-id")!);
  const forwarded = new Request(req.url, {
    method: req.method,
    headers,
    body: req.body,
    signal: req.signal,
    duplex: "half",
  } as RequestInit);
  const res = await handler(forwarded, { params: Promise.resolve({}) });
  gate.headers.forEach((value, name) => {
    if (!name.startsWith("x-middleware-")) res.headers.set(name, value);
  });
  return res;
}

export const nextTransport: ApiTransport = {
  name: "next",
  fetch: throughNext,
  call: (path, o) => throughNext(request(path, o)),
};

/**
 * What the server entry hands to Next.js (every path it does not answer itself), answered as
 * Next would: the proxy, then the app/api route (the `next` transport); no route → 404.
 */
async function nextBehind(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = ["GET", "HEAD"].includes(req.method ?? "GET") ? undefined : Buffer.concat(chunks);
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  const answer = await throughNext(new Request(url, { method: req.method, headers, body }));
  const out = Buffer.from(await answer.arrayBuffer());
  res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(out);
}

let server: Promise<http.Server> | undefined;
function gatewayServer(): Promise<http.Server> {
  server ??= new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      // Per request: a test may install other services between calls.
      const gateway = createGateway(getServices(), nextBehind);
      void gateway.handle(req, res);
    });
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
  return server;
}
afterAll(async () => {
  const s = await server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections(); // keep-alive sockets of the test's client would hold close() open
  await new Promise((r) => s.close(r));
});

/** Sends a web Request over loopback HTTP with its headers as given (Host included). */
async function overHttp(req: Request): Promise<Response> {
  const s = await gatewayServer();
  const { port } = s.address() as AddressInfo;
  const url = new URL(req.url);
  const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
  const headers: Record<string, string> = { host: url.host };
  req.headers.forEach((v, k) => (headers[k] = v));
  if (body) headers["content-length"] = String(body.byteLength);
  return new Promise<Response>((resolve, reject) => {
    const out = http.request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
      },
      (res) => {
        const h = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          h.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const status = res.statusCode ?? 500;
        const empty = status === 204 || status === 304 || req.method === "HEAD";
        resolve(
          new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
            status,
            headers: h,
          }),
        );
      },
    );
    out.on("error", reject);
    req.signal.addEventListener("abort", () => out.destroy(), { once: true });
    out.end(body);
  });
}

export const gatewayTransport: ApiTransport = {
  name: "server entry",
  fetch: overHttp,
  call: (path, o) => overHttp(request(path, o)),
};

export const TRANSPORTS = [nextTransport, gatewayTransport] as const;
