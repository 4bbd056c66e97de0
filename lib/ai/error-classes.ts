/** How a provider attempt failed (see classifyProviderError); no imports, so schemas can use it. */
export const ERROR_CLASSES = [
  "timeout",
  "rate_limited",
  "server_error",
  "network",
  "malformed_response",
  "auth_error",
  "model_not_found",
  "client_error",
  "unknown",
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];
