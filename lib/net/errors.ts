export type SafeHttpErrorCode =
  | "invalid_url"
  | "invalid_request"
  | "blocked_address"
  | "timeout"
  | "too_large"
  | "too_many_redirects"
  | "network";

/**
 * Every refusal and failure of safeFetch. The message is meant for the workflow's author: it
 * names the host and, for a refused address, the address and why.
 */
export class SafeHttpError extends Error {
  override readonly name = "SafeHttpError";
  constructor(
    readonly code: SafeHttpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
