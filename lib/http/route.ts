import "server-only";
import type { z } from "zod";
import { ANONYMOUS, type Ctx } from "../context";
import { getDb } from "../db";
import { fromZodError } from "../errors";
import { logger } from "../log";
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from "./body";
import { toHttpResponse } from "./errors";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

type Params = Record<string, string | string[] | undefined>;

export interface RouteOptions<B, Q> {
  /** zod schema of the JSON body; when given, the body is read (size-capped), parsed and validated. */
  body?: z.ZodType<B>;
  /** zod schema of the query string (single values; strings to be coerced by the schema). */
  query?: z.ZodType<Q>;
  maxBodyBytes?: number;
  /** Status for a plain (non-Response) result; 200 by default. */
  status?: number;
}

export interface RouteArgs<B, Q, P> {
  req: Request;
  ctx: Ctx;
  params: P;
  body: B;
  query: Q;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}

/**
 * The route wrapper every API handler uses: request id, awaited params, size-capped JSON body and
 * query validation, the caller context, and one catch that maps errors to the envelope.
 * The handler returns a Response, or data that is sent as JSON.
 */
export function route<B = undefined, Q = undefined, P extends Params = Params>(
  options: RouteOptions<B, Q>,
  handler: (args: RouteArgs<B, Q, P>) => Promise<unknown>,
) {
  return async (req: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const log = logger().child({ requestId });
    const started = performance.now();
    let status = 500;
    try {
      const params = await segment.params;
      const url = new URL(req.url);
      const query = options.query ? parseWith(options.query, Object.fromEntries(url.searchParams), "query") : (undefined as Q);
      const body = options.body ? parseWith(options.body, await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), "") : (undefined as B);
      // The caller is anonymous until the auth layer (session cookie / API key) resolves one here.
      const ctx: Ctx = { actor: ANONYMOUS, db: await getDb(), requestId, now: () => new Date(), log };
      const result = await handler({ req, ctx, params, body, query });
      const res = result instanceof Response ? result : Response.json(result, { status: options.status ?? 200 });
      status = res.status;
      if (!res.headers.has(REQUEST_ID_HEADER)) res.headers.set(REQUEST_ID_HEADER, requestId);
      return res;
    } catch (err) {
      const res = toHttpResponse(err, requestId, log);
      status = res.status;
      return res;
    } finally {
      log.info({ method: req.method, path: new URL(req.url).pathname, status, ms: Math.round(performance.now() - started) }, "request");
    }
  };
}
