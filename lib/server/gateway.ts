import type { IncomingMessage, ServerResponse } from "node:http";
import { sessionCookieName } from "../auth/session";
import { gatewayRoute, isGatewayPath } from "../gateway/openai-api";
import { apiEdge, type EdgeConfig } from "../http/edge";
import { errorResponseFor } from "../http/errors";
import { openAiError } from "../http/openai-errors";
import { REQUEST_ID_HEADER, requestIdFrom } from "../http/request-id";
import { sseFrame } from "../http/sse";
import { AppError, badRequest, shuttingDown } from "../errors";
import { trustCheck } from "../http/client-ip";
import { contentSecurityPolicy, securityHeaders } from "../http/security-headers";
import { normalizeForwarding } from "./forwarding";
import type { Services } from "../services";
import { sendJson, sendResponse, toApiRequest, type OpenStream, RequestHeaders } from "./node-http";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The frame a stream still open at the drain deadline ends with (the OpenAI SDK raises it). */
export const SHUTDOWN_FRAME = sseFrame(openAiError(shuttingDown()).body);

export interface Gateway {
  /** The server's request listener: gateway paths here, everything else to `next`. */
  handle: NodeHandler;
  /** Requests being answered by the gateway right now. */
  readonly inFlight: number;
  /** At the drain deadline: ends every open stream with the shutdown frame; how many. */
  endStreams(): number;
  /** Resolves once no gateway request is in flight, or after `maxMs`. */
  idle(maxMs: number): Promise<void>;
}

/**
 * The gateway half of the server entry: answers the OpenAI-compatible paths with the same API
 * core and edge as the route handlers (lib/gateway/openai-api.ts, lib/http/edge.ts), without
 * Next.js's request pipeline, and hands every other request to Next.js.
 */
/** The methods the app answers; Next.js answers any other with a 500 and a stack trace. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Files served from public/ (GET and HEAD only). */
const PUBLIC_FILES = new Set(["/robots.txt"]);
const UNDECODABLE = badRequest("The request path is not valid: its %-escapes are not UTF-8.");
const METHOD_NOT_ALLOWED = new AppError("method_not_allowed", "This method is not allowed here.");

export function createGateway(services: Services, next: NodeHandler): Gateway {
  const edgeConfig: EdgeConfig = {
    corsOrigins: services.env.corsOrigins,
    isProduction: services.env.isProduction,
    cookieName: sessionCookieName(services.env),
  };
  const isTrusted = trustCheck(services.env.trustedProxies);
  // Set before Next.js answers, so what it answers without our proxy (its trailing-slash 308,
  // an error page) has them too; where the proxy runs, its own values (the nonce'd CSP) win.
  const { isProduction } = services.env;
  const baseline = Object.entries(
    securityHeaders(contentSecurityPolicy(null, isProduction), isProduction),
  );
  let inFlight = 0;
  const streams = new Set<OpenStream>();
  const idleWaiters = new Set<() => void>();

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: string,
    headers: RequestHeaders,
    requestId: string,
  ) {
    const method = req.method ?? "GET";
    const edge = apiEdge(edgeConfig, { method, pathname: path, headers });
    const edgeHeaders = { ...edge.headers, [REQUEST_ID_HEADER]: requestId };
    if (edge.early) return sendJson(res, edge.early.status, edge.early.json, edgeHeaders);
    const handler = gatewayRoute(method, path)!;
    let url: URL;
    try {
      url = new URL(`${path}${query}`, `http://${headers.get("host") ?? "localhost"}`);
    } catch {
      const r = errorResponseFor(path, badRequest("The Host header is not valid."), requestId);
      return sendResponse(res, r, edgeHeaders);
    }
    const request = toApiRequest(req, res, headers, url);
    const response = await handler(request, {});
    await sendResponse(res, response, edgeHeaders, (s) => {
      // Aborted first: the router settles the stream (ledger row, provider call stopped) right
      // now, not when its provider next sends a chunk, which may be after the shutdown hooks.
      const open: OpenStream = {
        terminate(frame) {
          request.abort();
          s.terminate(frame);
        },
      };
      streams.add(open);
      return () => streams.delete(open);
    });
  }

  /** What Next.js would answer 500 to, without headers, answered here: 400 or 405. */
  function refuse(res: ServerResponse, path: string, headers: RequestHeaders, error: AppError) {
    const requestId = requestIdFrom(headers);
    const edge = apiEdge(edgeConfig, { method: "GET", pathname: path, headers });
    const all: Record<string, string> = { ...edge.headers, [REQUEST_ID_HEADER]: requestId };
    if (error.status === 405) all.allow = [...METHODS].join(", ");
    if (path.startsWith("/api/"))
      return sendResponse(res, errorResponseFor(path, error, requestId), all);
    res.writeHead(error.status, { ...all, "content-type": "text/plain; charset=utf-8" });
    res.end(error.message);
  }

  const handle: NodeHandler = (req, res) => {
    normalizeForwarding(req, isTrusted);
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const path = q === -1 ? raw : raw.slice(0, q);
    const method = req.method ?? "GET";
    const ours =
      isGatewayPath(path) &&
      (gatewayRoute(method, path) !== undefined ||
        (method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined));
    if (path.includes("%") && !decodable(path))
      return refuse(res, path, new RequestHeaders(req), UNDECODABLE);
    // TRACE, CONNECT, made-up methods, and anything but GET/HEAD on a file of public/.
    if (!METHODS.has(method) || (PUBLIC_FILES.has(path) && method !== "GET" && method !== "HEAD"))
      return refuse(res, path, new RequestHeaders(req), METHOD_NOT_ALLOWED);
    if (!ours) {
      for (const [name, value] of baseline) res.setHeader(name, value);
      // Next's own answers to API paths (its 308 for "/api/x/") vary by Origin like ours.
      if (path.startsWith("/api/")) res.setHeader("vary", "Origin");
      return next(req, res);
    }
    inFlight++;
    const headers = new RequestHeaders(req);
    const requestId = requestIdFrom(headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    answer(req, res, path, q === -1 ? "" : raw.slice(q), headers, requestId)
      .catch((err: unknown) => {
        // A fault outside the API core (which answers every error itself): the same envelope,
        // with the edge's headers and the request's id, or a cut connection once it had started.
        services.log.error({ err, requestId }, "gateway request failed outside the API core");
        if (res.headersSent) return void res.destroy();
        const edge = apiEdge(edgeConfig, { method, pathname: path, headers });
        return sendResponse(res, errorResponseFor(path, err, requestId), {
          ...edge.headers,
          [REQUEST_ID_HEADER]: requestId,
        });
      })
      .finally(() => {
        inFlight--;
        if (inFlight === 0) for (const w of [...idleWaiters]) w();
      });
  };

  /** True once nothing is in flight, false if `ms` passed first. */
  function waitIdle(ms: number): Promise<boolean> {
    if (inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      idleWaiters.add(onIdle);
    });
  }

  return {
    handle,
    get inFlight() {
      return inFlight;
    },
    endStreams() {
      const open = [...streams];
      for (const s of open) s.terminate(SHUTDOWN_FRAME);
      return open.length;
    },
    idle: async (maxMs) => void (await waitIdle(maxMs)),
  };
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
