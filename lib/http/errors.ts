import { toAppError, type AppError } from "../errors";
import type { Logger } from "../log";
import { REQUEST_ID_HEADER } from "./request-id";

export interface ErrorBody {
  error: { code: AppError["code"]; message: string; details?: AppError["details"] };
}

/**
 * Maps any thrown value to the error envelope `{ error: { code, message, details? } }`.
 * 5xx causes are logged with the request id; their messages never reach the client.
 */
export function toHttpResponse(err: unknown, requestId: string, log?: Logger): Response {
  const appError = toAppError(err);
  if (appError.status >= 500) {
    log?.error(
      { requestId, code: appError.code, err: appError.cause ?? appError },
      "request failed",
    );
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details) body.error.details = appError.details;
  const headers = new Headers({
    "cache-control": "no-store",
    [REQUEST_ID_HEADER]: requestId,
    ...appError.headers,
  });
  if (appError.code === "unavailable" && !headers.has("retry-after"))
    headers.set("retry-after", "5");
  return Response.json(body, { status: appError.status, headers });
}
