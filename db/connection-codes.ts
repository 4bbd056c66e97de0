/**
 * Error codes of a lost or refused connection (Node's socket errors and postgres.js's own). The
 * one list: lib/errors.ts maps them (with guarded-postgres.ts's own codes) to 503, and the
 * guard checks reachability on them. No imports: client code imports lib/errors.ts's types.
 */
export const CONNECTION_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);
