import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { classifyProviderError } from "@/lib/ai/errors";

const answered = (statusCode: number, responseBody = "", headers: Record<string, string> = {}) =>
  new APICallError({
    message: `status ${statusCode}`,
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    responseBody,
  });
const providerError = JSON.stringify({ error: { message: "overloaded", type: "server_error" } });
const unreachable = (cause: string) =>
  new APICallError({
    message: "The provider could not be reached",
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    cause: new Error(cause),
  });

// Which circuit a failure counts against (issue 14, point 7): what the endpoint answered for one
// model is that model's; an endpoint that cannot be reached, or whose gateway says it is down, is
// the provider's; a timeout could be either and counts on both.
describe("classifyProviderError: scope", () => {
  it.each([
    ["the provider's own 500", answered(500, providerError), "server_error", "model"],
    ["the provider's own 503 (JSON)", answered(503, providerError), "server_error", "model"],
    ["a gateway's 502 page", answered(502, "<html>Bad Gateway</html>"), "server_error", "provider"],
    ["a gateway's empty 504", answered(504, ""), "server_error", "provider"],
    ["a JSON body without an error object", answered(503, "{}"), "server_error", "provider"],
    ["404 unknown model", answered(404, providerError), "model_not_found", "model"],
    ["429", answered(429, providerError), "rate_limited", "model"],
    ["401 key refused", answered(401, providerError), "auth_error", "provider"],
    ["400 about the request", answered(400, providerError), "client_error", "request"],
    ["a garbled 200", answered(200, "{"), "malformed_response", "model"],
    ["connection refused", unreachable("connect ECONNREFUSED 127.0.0.1:1"), "network", "provider"],
    ["DNS", new Error("getaddrinfo ENOTFOUND api.example"), "network", "provider"],
    [
      "TLS",
      new Error("fetch failed", { cause: new Error("self-signed certificate") }),
      "network",
      "provider",
    ],
    ["a timeout", Object.assign(new Error("late"), { name: "TimeoutError" }), "timeout", "both"],
  ])("%s → %s, %s", (_name, err, errorClass, scope) => {
    expect(classifyProviderError(err)).toMatchObject({ errorClass, scope });
  });

  it("reads Retry-After on 429 and on 5xx", () => {
    expect(classifyProviderError(answered(429, "", { "retry-after": "60" })).retryAfterMs).toBe(
      60_000,
    );
    expect(
      classifyProviderError(answered(503, providerError, { "retry-after-ms": "1500" }))
        .retryAfterMs,
    ).toBe(1_500);
  });
});
