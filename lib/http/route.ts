import "server-only";
import type { z } from "zod";
import { resolveCaller, type ResolvedCaller } from "../auth/actor";
import { serializeCookie } from "../auth/session";
import { ANONYMOUS, type Actor, type Ctx, type HeaderReader } from "../context";
import { forbidden, fromZodError, toAppError, unauthorized } from "../errors";
import { createCtx, getServices, type Services } from "../services";
import type { RouteClass } from "../rate-limit/policy";
import { DEFAULT_MAX_BODY_BYTES, readCappedText, readJsonBody } from "./body";
import { assertStorableParams } from "../text-guard";
import { clientFrom } from "./client-ip";
import { errorResponseFor } from "./errors";
import { assertAllowedOrigin } from "./origin";
import { enforceRateLimit } from "./rate-limit";
import { AnswerHeaders, JsonAnswer, SseAnswer, type ApiAnswer } from "./answer";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

/** A route's dynamic segments ([id] → params.id); catch-all routes do not use this wrapper. */
type Params = Record<string, string>;

/**
 * A request as the API core sees it, whatever carried it: a Next.js route handler's web Request
 * (`fromWebRequest`) or a Node request the server entry answers itself (lib/server/node-http.ts).
 */
export interface ApiRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: HeaderReader;
  /** Aborted when the client goes away before the answer is complete. */
  readonly signal: AbortSignal;
  /** The body as text, refused with 413 past `maxBytes` (declared or actually sent). */
  text(maxBytes: number): Promise<string>;
}

/** The transport-neutral handler: what both transports call, so their behaviour cannot drift. */
export type ApiHandler = (req: ApiRequest, params: Params) => Promise<ApiAnswer>;

export interface RouteOptions<B, Q> {
  /** zod schema of the JSON body; when given, the body is read (size-capped), parsed and validated. */
  body?: z.ZodType<B>;
  /** zod schema of the query string (single values; strings to be coerced by the schema). */
  query?: z.ZodType<Q>;
  maxBodyBytes?: number;
  /** Status for a plain (non-Response) result; 200 by default. */
  status?: number;
  /** Which rate-limit budget the route spends (default "api"). */
  rateLimit?: RouteClass;
  /**
   * Who may call it at all (default "user"): decided before the body or query is read, so a
   * caller the route is not for learns nothing of its input (an anonymous caller gets 401, a
   * non-admin on an admin route 403). The services still authorize every action themselves.
   */
  audience?: Audience;
  /**
   * The Authorization header carries the route's own secret, which its service checks (a
   * webhook's Bearer secret, Vercel Cron's CRON_SECRET): it is not read as an API key, and the
   * caller is anonymous. Without this every such request was refused as "Invalid API key."
   * before the service saw it. Only for audience "public".
   */
  ownAuthorization?: boolean;
}

/** "public": anyone (sign-up, sign-out); "user": a signed-in user or API key; "admin": admins only. */
export type Audience = "public" | "user" | "admin";

function admitAudience(audience: Audience, actor: Actor): void {
  if (audience === "public") return;
  if (actor.kind === "anonymous") throw unauthorized();
  if (audience !== "admin") return;
  if (!(actor.kind === "user" && actor.role === "admin"))
    throw forbidden("Only admins can do this.");
  // An admin's API key without the admin scope is no admin either (as requireAdmin says later).
  if (!actor.scopes.includes("admin")) throw forbidden('This API key lacks the "admin" scope.');
}

export interface RouteArgs<B, Q> {
  req: ApiRequest;
  ctx: Ctx;
  params: Params;
  body: B;
  query: Q;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}

export function fromWebRequest(req: Request): ApiRequest {
  return {
    method: req.method,
    url: new URL(req.url),
    headers: req.headers,
    signal: req.signal,
    text: (maxBytes) => readCappedText(req, maxBytes),
  };
}

/**
 * The API core every handler goes through, on either transport: request id, caller (session
 * cookie or API key, checked by lib/auth: the edge gate is not trusted), Origin check for
 * cookie sessions, rate limit with X-RateLimit-* headers, size-capped JSON body and query
 * validation, Server-Timing, one catch that maps errors to the envelope (OpenAI's under /api/v1,
 * lib/http/openai-errors.ts), one log line. The handler returns a Response, or data sent as JSON.
 * Authorization itself happens in the services.
 */
export function apiHandler<B = undefined, Q = undefined>(
  options: RouteOptions<B, Q>,
  handler: (args: RouteArgs<B, Q>) => Promise<unknown>,
): ApiHandler {
  return async (req, params) => {
    const requestId = requestIdFrom(req.headers);
    const services = servicesOrResponse(requestId, req.url.pathname);
    if (services instanceof Response) return services;
    const log = services.log.child({ requestId });
    const started = performance.now();
    const extraHeaders = new AnswerHeaders();
    let status = 500;
    try {
      const { env } = services;
      const client = clientFrom(req.headers, env.trustedProxies);
      const cls = options.rateLimit ?? "api";
      const spend = async (actor: Actor) => {
        const headers = await enforceRateLimit(services, cls, actor, client.ip);
        for (const [k, v] of Object.entries(headers)) extraHeaders.set(k, v);
      };
      // A bad API key still spends the client's anonymous budget: no free key guessing. A key
      // that could not be checked (the database is away) is no guess: its 503 is not turned into
      // a 429 by the outage's retries.
      const caller: ResolvedCaller =
        options.ownAuthorization && options.audience === "public"
          ? { actor: ANONYMOUS }
          : await resolveCaller(
              { principals: services.principals, env, now: services.clock.now() },
              req.headers,
            ).catch(async (err: unknown) => {
              if (toAppError(err).status < 500) await spend(ANONYMOUS);
              throw err;
            });
      if (caller.cookie) extraHeaders.append("set-cookie", serializeCookie(caller.cookie));
      assertAllowedOrigin(req, caller.actor, env.corsOrigins);

      await spend(caller.actor);
      admitAudience(options.audience ?? "user", caller.actor);
      const authMs = performance.now() - started;

      // Query text no database can store is refused before any use (path ids that cannot exist
      // are "not found" in the services, like anyone else's: see tests/security/path-ids.test.ts).
      assertStorableParams(req.url.searchParams, "query");
      const query = options.query
        ? parseWith(options.query, Object.fromEntries(req.url.searchParams), "query")
        : (undefined as Q);
      const body = options.body
        ? parseWith(
            options.body,
            await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
            "",
          )
        : (undefined as B);
      const ctx = await createCtx(services, { actor: caller.actor, requestId, client, log });
      const handlerStarted = performance.now();
      const result = await handler({ req, ctx, params, body, query });
      const res =
        result instanceof Response || result instanceof JsonAnswer || result instanceof SseAnswer
          ? result
          : JsonAnswer.of(result, { status: options.status ?? 200 });
      // Where the time went, for browsers' devtools and `npm run bench:gateway` (no secrets in it).
      const own = res.headers.get("server-timing");
      res.headers.set(
        "server-timing",
        `auth;desc="caller, origin, rate limit";dur=${authMs.toFixed(2)}, app;dur=${(performance.now() - handlerStarted).toFixed(2)}${own ? `, ${own}` : ""}`,
      );
      return finish(res, extraHeaders, requestId, (s) => (status = s));
    } catch (err) {
      return finish(
        errorResponseFor(req.url.pathname, err, requestId, log),
        extraHeaders,
        requestId,
        (s) => (status = s),
      );
    } finally {
      if (log.isLevelEnabled("info"))
        log.info(
          {
            method: req.method,
            path: req.url.pathname,
            status,
            ms: Math.round(performance.now() - started),
          },
          "request",
        );
    }
  };
}

/** An API core handler as a Next.js route handler (`export const GET = webRoute(handler)`). */
export function webRoute(handler: ApiHandler) {
  return async (req: Request, segment: { params: Promise<Params> }): Promise<Response> => {
    const answer = await handler(fromWebRequest(req), await segment.params);
    return answer instanceof Response ? answer : answer.toResponse();
  };
}

/**
 * An API core handler that reads what it needs from the URL, as a Next.js route handler taking
 * no segment params: for catch-all routes, whose string[] params `Params` does not hold.
 */
export function urlRoute(handler: ApiHandler) {
  const web = webRoute(handler);
  return (req: Request): Promise<Response> => web(req, { params: Promise.resolve({}) });
}

/** The route wrapper every Next.js API handler uses: `apiHandler` behind a route handler. */
export function route<B = undefined, Q = undefined>(
  options: RouteOptions<B, Q>,
  handler: (args: RouteArgs<B, Q>) => Promise<unknown>,
) {
  return webRoute(apiHandler(options, handler));
}

/**
 * The process's services, or the error envelope when they cannot be built (a configuration that
 * no longer validates): still JSON with the request id, logged to stderr (there is no logger yet).
 */
export function servicesOrResponse(requestId: string, pathname = ""): Services | Response {
  try {
    return getServices();
  } catch (err) {
    console.error(`[${requestId}] services could not be built:`, err);
    return errorResponseFor(pathname, err, requestId);
  }
}

function finish<A extends ApiAnswer>(
  res: A,
  extra: AnswerHeaders,
  requestId: string,
  setStatus: (s: number) => void,
): A {
  for (const [key, value] of extra.entries())
    if (!res.headers.has(key)) res.headers.set(key, value);
  for (const cookie of extra.getSetCookie()) res.headers.append("set-cookie", cookie);
  if (!res.headers.has(REQUEST_ID_HEADER)) res.headers.set(REQUEST_ID_HEADER, requestId);
  setStatus(res.status);
  return res;
}
