import { toAppError, type AppError } from "../errors";
import type { Logger } from "../log";
import { isOpenAiPath, openAiError } from "./openai-errors";
import { REQUEST_ID_HEADER } from "./request-id";

export interface ErrorBody {
  error: { code: AppError["code"]; message: string; details?: AppError["details"] };
}

/** How an AppError is put into a body: the app's envelope, or OpenAI's under /api/v1. */
export type ErrorEnvelope = (e: AppError) => { status: number; body: unknown };

/** The app's envelope `{ error: { code, message, details? } }`. */
export const appEnvelope: ErrorEnvelope = (e) => {
  const body: ErrorBody = { error: { code: e.code, message: e.message } };
  if (e.details) body.error.details = e.details;
  return { status: e.status, body };
};

/**
 * Maps any thrown value to an error answer (by default the app's envelope). 5xx causes are logged
 * with the request id; their messages never reach the client.
 */
export function toHttpResponse(
  err: unknown,
  requestId: string,
  log?: Logger,
  envelope: ErrorEnvelope = appEnvelope,
): Response {
  const appError = toAppError(err);
  if (appError.status >= 500) {
    log?.error(
      { requestId, code: appError.code, err: appError.cause ?? appError },
      "request failed",
    );
  }
  const { status, body } = envelope(appError);
  const headers = new Headers({
    "cache-control": "no-store",
    [REQUEST_ID_HEADER]: requestId,
    ...appError.headers,
  });
  if (appError.code === "unavailable" && !headers.has("retry-after"))
    headers.set("retry-after", "5");
  return Response.json(body, { status, headers });
}

/** The envelope a path answers errors in: OpenAI's under /api/v1, the app's everywhere else. */
export const envelopeFor = (pathname: string): ErrorEnvelope =>
  isOpenAiPath(pathname) ? (e) => openAiError(e) : appEnvelope;

/** `toHttpResponse` in the envelope of the request's path. */
export const errorResponseFor = (pathname: string, err: unknown, requestId: string, log?: Logger) =>
  toHttpResponse(err, requestId, log, envelopeFor(pathname));
