import type { AppError, ErrorCode } from "../errors";

/**
 * OpenAI's error envelope for everything under /api/v1, so the official SDKs raise the class they
 * raise against OpenAI (they choose it by status: 400 BadRequestError, 401 AuthenticationError,
 * 403 PermissionDeniedError, 404 NotFoundError, 429 RateLimitError, 5xx InternalServerError) and
 * find `type`, `param` and `code` where they look. The rest of the API keeps its own envelope
 * (lib/http/errors.ts); this is the one mapping from an AppError to OpenAI's.
 */

export const OPENAI_API_PREFIX = "/api/v1/";

/** Whether a path is part of the OpenAI-compatible API (and answers errors in its envelope). */
export const isOpenAiPath = (pathname: string): boolean =>
  pathname.startsWith(OPENAI_API_PREFIX) || pathname === "/api/v1";

export type OpenAiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "rate_limit_error"
  | "insufficient_quota"
  | "api_error";

export interface OpenAiErrorBody {
  error: { message: string; type: OpenAiErrorType; param: string | null; code: string | null };
}

/**
 * Status, type and code per error code. Every validation failure is a 400, as OpenAI answers it
 * (a 422 would be an SDK class OpenAI never raises); so is a wrong Content-Type, as OpenAI's
 * `unsupported_content_type`. Codes are OpenAI's where it has one for the case, else ours.
 */
const TABLE: Record<ErrorCode, { status: number; type: OpenAiErrorType; code: string }> = {
  bad_request: { status: 400, type: "invalid_request_error", code: "bad_request" },
  validation: { status: 400, type: "invalid_request_error", code: "invalid_value" },
  unsupported_media_type: {
    status: 400,
    type: "invalid_request_error",
    code: "unsupported_content_type",
  },
  payload_too_large: { status: 413, type: "invalid_request_error", code: "request_too_large" },
  unauthorized: { status: 401, type: "authentication_error", code: "invalid_api_key" },
  forbidden: { status: 403, type: "permission_error", code: "forbidden" },
  not_found: { status: 404, type: "invalid_request_error", code: "not_found" },
  method_not_allowed: { status: 405, type: "invalid_request_error", code: "method_not_allowed" },
  conflict: { status: 409, type: "invalid_request_error", code: "conflict" },
  rate_limited: { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded" },
  // A spending cap is OpenAI's exhausted quota: same status, same type and code.
  limit_exceeded: { status: 429, type: "insufficient_quota", code: "insufficient_quota" },
  internal: { status: 500, type: "api_error", code: "internal" },
  upstream: { status: 502, type: "api_error", code: "upstream" },
  unavailable: { status: 503, type: "api_error", code: "unavailable" },
  upstream_timeout: { status: 504, type: "api_error", code: "deadline_exceeded" },
};

interface Attempt {
  model: string;
  errorClass: string;
}

const attemptsOf = (e: AppError): Attempt[] =>
  Array.isArray(e.details?.attempts) ? (e.details.attempts as Attempt[]) : [];

/**
 * An AppError in OpenAI's envelope, with the status to send. `param` names the offending field
 * ("messages.0.role", "model"); an unknown model is OpenAI's 404 `model_not_found`. A provider
 * failure's code is how the provider failed (server_error, timeout, circuit_open, …, or
 * deadline_exceeded when the request's deadline passed first) and its
 * message names each model tried: the SDK shows the message, and there is no `details` to read.
 */
export function openAiError(e: AppError): { status: number; body: OpenAiErrorBody } {
  const row = TABLE[e.code];
  const issue = e.details?.fields?.[0];
  if (issue?.code === "model_not_found") {
    return {
      status: 404,
      body: {
        error: {
          message: issue.message,
          type: "invalid_request_error",
          param: issue.field || "model",
          code: "model_not_found",
        },
      },
    };
  }
  let { message } = e;
  // A conversation longer than the model's window: the code OpenAI's clients check to trim history.
  let code = issue?.code === "context_length_exceeded" ? issue.code : row.code;
  const attempts = attemptsOf(e);
  if (attempts.length) {
    message = `${message} Tried: ${attempts.map((a) => `${a.model} (${a.errorClass})`).join(", ")}.`;
    code = attempts.at(-1)!.errorClass;
  } else if (e.details?.reason === "shutting_down") {
    code = "shutting_down"; // as the frame a stream cut at the drain deadline ends with
  }
  // How the request failed as a whole, when it says (a stream cut mid-way, the deadline).
  if (
    (e.code === "upstream" || e.code === "upstream_timeout") &&
    typeof e.details?.errorClass === "string"
  )
    code = e.details.errorClass;
  return {
    status: row.status,
    body: { error: { message, type: row.type, param: issue?.field || null, code } },
  };
}
