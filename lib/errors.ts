import { ZodError, type z } from "zod";
import { CONNECTION_CODES } from "@/db/connection-codes";

/**
 * The one error taxonomy. Services throw AppError; each transport maps it once (HTTP:
 * lib/http/errors.ts, MCP later). Anything else that escapes is either an infrastructure fault
 * (503, never a 4xx) or a bug (500 with a generic message; the cause is logged, never returned).
 */

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  limit_exceeded: 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
  /** The request's own deadline passed before a provider answered (AI_REQUEST_DEADLINE_MS). */
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "members.0.email"; "" for the whole input. */
  field: string;
  message: string;
  code?: string;
}

export interface ErrorDetails {
  fields?: FieldIssue[];
  [key: string]: unknown;
}

/**
 * Marks AppErrors across module copies: the bundler may give each route its own copy of this
 * file, while the services (built once, see lib/services.ts) throw from the copy that built
 * them. `instanceof AppError` checks this mark, so every copy recognises every other's errors.
 */
const APP_ERROR = Symbol.for("ai-assistant-os.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly status: number;
  /** Extra response headers a transport should send (e.g. Retry-After with rate_limited). */
  readonly headers?: Record<string, string>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
    this.headers = options?.headers;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses (LoginRefused, …) keep the ordinary prototype check.
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value instanceof Error && APP_ERROR in value;
  }
}

export const badRequest = (message: string, details?: ErrorDetails) =>
  new AppError("bad_request", message, details);
export const unauthorized = (message = "Sign in to continue.") =>
  new AppError("unauthorized", message);
export const forbidden = (message = "You do not have permission to do this.") =>
  new AppError("forbidden", message);
/** Same answer whether the thing does not exist or belongs to someone else (no existence leak). */
export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found.`);
export const conflict = (message: string, details?: ErrorDetails) =>
  new AppError("conflict", message, details);
export const payloadTooLarge = (limitBytes: number, field?: string) =>
  new AppError(
    "payload_too_large",
    `${field ? `${field} is` : "Request body is"} larger than the limit of ${limitBytes} bytes.`,
    {
      limitBytes,
      ...(field ? { fields: [{ field, message: `larger than ${limitBytes} bytes` }] } : {}),
    },
  );
export const unavailable = (
  message = "The service is temporarily unavailable. Try again shortly.",
  cause?: unknown,
) => new AppError("unavailable", message, undefined, { cause });

/** The name of the abort reason a request's signal carries when the server ends it at its drain deadline. */
const SHUTTING_DOWN = "ShuttingDown";

/** The abort reason for work the server ends at its drain deadline (not the client leaving). */
export function shutdownReason(): Error {
  const e = new Error("The server is shutting down.");
  e.name = SHUTTING_DOWN;
  return e;
}

/** True when a signal was aborted by the server's drain deadline (by name: any module copy). */
export const isShutdown = (reason: unknown): boolean =>
  reason instanceof Error && reason.name === SHUTTING_DOWN;

/** What a request cut at the drain deadline answers: 503, retry at once (another instance). */
export const shuttingDown = () =>
  new AppError(
    "unavailable",
    "The server is restarting; this answer was cut off. Send the request again.",
    { reason: "shutting_down" },
    { headers: { "retry-after": "1" } },
  );

export function validationError(issues: FieldIssue[], message?: string): AppError {
  const first = issues[0];
  const summary =
    message ?? (first ? `${first.field || "input"}: ${first.message}` : "Invalid input.");
  return new AppError("validation", summary, { fields: issues });
}

export function fromZodError(err: z.ZodError, prefix = ""): AppError {
  const at = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join(".");
  // An unknown key is named itself (one entry each), not the object that holds it.
  const fields = err.issues.flatMap((i): { field: string; message: string; code: string }[] =>
    i.code === "unrecognized_keys"
      ? i.keys.map((key) => ({
          field: at([...i.path, key]),
          message: "is not a known field",
          code: i.code,
        }))
      : [{ field: at(i.path), message: i.message, code: i.code }],
  );
  return validationError(fields);
}

/** A unique-constraint violation (SQLSTATE 23505), raw or wrapped by drizzle. */
export const isUniqueViolation = (err: unknown): boolean =>
  (err as { cause?: { code?: string } })?.cause?.code === "23505" ||
  (err as { code?: string })?.code === "23505";

/** Connection faults (db/guarded-postgres.ts), and the guard's own: no answer in time, or known away. */
const INFRASTRUCTURE_CODES = new Set([...CONNECTION_CODES, "DB_TIMEOUT", "DB_UNREACHABLE"]);

/**
 * True for faults of the infrastructure (database down, connection lost, server shutting down,
 * too many connections): the client did nothing wrong and may retry, so they map to 503.
 * drizzle wraps driver errors, so the cause chain is walked.
 */
export function isInfrastructureError(err: unknown): boolean {
  for (const e of causeChain(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (INFRASTRUCTURE_CODES.has(code)) return true;
      // SQLSTATE 08xxx connection exceptions, 57P0x admin/crash shutdown, 57014 statement
      // timeout (the server cancelled it), 53300 too many connections.
      if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true;
      if (code === "53300" || code === "57014") return true;
    }
    if (e instanceof Error && e.name === "EmbeddedDatabaseLockedError") return true;
  }
  return false;
}

/** An error and its causes (drizzle wraps the driver's), at most `depth` deep. */
export function* causeChain(err: unknown, depth = 5): Generator<unknown> {
  for (let e = err, n = 0; e && n < depth; e = (e as { cause?: unknown }).cause, n++) yield e;
}

/**
 * True when the database refused a statement for the data in it: SQLSTATE class 22 (data
 * exception) or 23 (integrity constraint). Anything else — a connection lost, a timeout — says
 * nothing about the rows.
 */
export function isDataError(err: unknown): boolean {
  for (const e of causeChain(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^2[23][0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // Services parse their input again (routes, MCP tools and workflows share them): same 422.
  if (err instanceof ZodError) return fromZodError(err);
  if (isInfrastructureError(err)) return unavailable(undefined, err);
  return new AppError(
    "internal",
    "Something went wrong on our side. The error was logged.",
    undefined,
    { cause: err },
  );
}
