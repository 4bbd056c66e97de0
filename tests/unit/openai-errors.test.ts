import { describe, expect, it } from "vitest";
import { AppError, ERROR_STATUS, type ErrorCode, validationError } from "@/lib/errors";
import { envelopeFor, errorResponseFor } from "@/lib/http/errors";
import { isOpenAiPath, openAiError } from "@/lib/http/openai-errors";

// What each AppError becomes under /api/v1: the status an OpenAI SDK turns into its exception
// class, and the type and code OpenAI sends for the same case.
const EXPECTED: Record<ErrorCode, [number, string, string]> = {
  bad_request: [400, "invalid_request_error", "bad_request"],
  validation: [400, "invalid_request_error", "invalid_value"],
  unsupported_media_type: [400, "invalid_request_error", "unsupported_content_type"],
  payload_too_large: [413, "invalid_request_error", "request_too_large"],
  unauthorized: [401, "authentication_error", "invalid_api_key"],
  forbidden: [403, "permission_error", "forbidden"],
  not_found: [404, "invalid_request_error", "not_found"],
  method_not_allowed: [405, "invalid_request_error", "method_not_allowed"],
  conflict: [409, "invalid_request_error", "conflict"],
  rate_limited: [429, "rate_limit_error", "rate_limit_exceeded"],
  limit_exceeded: [429, "insufficient_quota", "insufficient_quota"],
  internal: [500, "api_error", "internal"],
  upstream: [502, "api_error", "upstream"],
  unavailable: [503, "api_error", "unavailable"],
  upstream_timeout: [504, "api_error", "deadline_exceeded"],
};

describe("OpenAI's error envelope", () => {
  it("covers every error code", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it.each(Object.entries(EXPECTED))("%s → %j", (code, [status, type, openAiCode]) => {
    expect(openAiError(new AppError(code as ErrorCode, "msg"))).toEqual({
      status,
      body: { error: { message: "msg", type, param: null, code: openAiCode } },
    });
  });

  it("names the first offending field in `param`; an unknown model is a 404 model_not_found", () => {
    const invalid = validationError([
      { field: "messages.0.role", message: "bad role" },
      { field: "temperature", message: "too hot" },
    ]);
    expect(openAiError(invalid).body.error).toMatchObject({
      message: "messages.0.role: bad role",
      param: "messages.0.role",
    });
    const unknown = validationError([
      { field: "model", message: 'Model "x" is not available.', code: "model_not_found" },
    ]);
    expect(openAiError(unknown)).toEqual({
      status: 404,
      body: {
        error: {
          message: 'Model "x" is not available.',
          type: "invalid_request_error",
          param: "model",
          code: "model_not_found",
        },
      },
    });
  });

  it("a provider failure names the models tried; its code is how the last one failed", () => {
    const e = new AppError("upstream", "Every provider failed.", {
      attempts: [
        { model: "a", errorClass: "timeout" },
        { model: "b", errorClass: "server_error" },
      ],
    });
    expect(openAiError(e).body.error).toEqual({
      message: "Every provider failed. Tried: a (timeout), b (server_error).",
      type: "api_error",
      param: null,
      code: "server_error",
    });
  });

  it("applies to /api/v1 only; the rest of the API keeps its envelope, headers alike", async () => {
    expect(["/api/v1", "/api/v1/models", "/api/v1/x/y"].every(isOpenAiPath)).toBe(true);
    expect(["/api/v10", "/api/ai/chat", "/v1/models", "/"].some(isOpenAiPath)).toBe(false);
    const err = new AppError("rate_limited", "slow down", undefined, {
      headers: { "Retry-After": "7" },
    });
    const v1 = errorResponseFor("/api/v1/models", err, "req-12345678");
    const app = errorResponseFor("/api/projects", err, "req-12345678");
    expect(await v1.json()).toEqual({
      error: {
        message: "slow down",
        type: "rate_limit_error",
        param: null,
        code: "rate_limit_exceeded",
      },
    });
    expect(await app.json()).toEqual({ error: { code: "rate_limited", message: "slow down" } });
    for (const res of [v1, app]) {
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("7");
      expect(res.headers.get("x-request-id")).toBe("req-12345678");
    }
    expect(envelopeFor("/api/v1/models")(new AppError("internal", "x")).status).toBe(500);
  });

  it("hides the message of unexpected errors, as the app's envelope does", async () => {
    const res = errorResponseFor("/api/v1/chat/completions", new Error("secret=1"), "req-12345678");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: {
        message: "Something went wrong on our side. The error was logged.",
        type: "api_error",
        param: null,
        code: "internal",
      },
    });
  });
});
