import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AppError,
  ERROR_STATUS,
  fromZodError,
  isInfrastructureError,
  notFound,
  toAppError,
} from "@/lib/errors";
import { toHttpResponse } from "@/lib/http/errors";

describe("error taxonomy", () => {
  it.each(Object.entries(ERROR_STATUS))("%s maps to HTTP %i", async (code, status) => {
    const res = toHttpResponse(new AppError(code as AppError["code"], "msg"), "req-12345678");
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: "msg" } });
    expect(res.headers.get("x-request-id")).toBe("req-12345678");
  });

  it("not_found does not reveal whether the thing exists", () => {
    expect(notFound("Project").message).toBe("Project not found.");
  });

  it("hides the message of unexpected errors", async () => {
    const res = toHttpResponse(new Error("password=hunter2 in SQL"), "req-12345678");
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({
      error: {
        code: "internal",
        message: "Something went wrong on our side. The error was logged.",
      },
    });
    expect(JSON.stringify(body)).not.toContain("hunter2");
  });

  const wrapped = (cause: object) =>
    Object.assign(new Error("Failed query: select 1"), { name: "DrizzleQueryError", cause });

  it.each([
    [
      "connection refused",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
    ],
    [
      "postgres.js connect timeout",
      Object.assign(new Error("write CONNECT_TIMEOUT"), { code: "CONNECT_TIMEOUT" }),
    ],
    ["admin shutdown wrapped by drizzle", wrapped({ code: "57P01" })],
    ["connection failure SQLSTATE", wrapped({ code: "08006" })],
    ["too many connections", wrapped({ code: "53300" })],
  ])("%s is an infrastructure fault: 503 with Retry-After", (_name, err) => {
    expect(isInfrastructureError(err)).toBe(true);
    const res = toHttpResponse(err, "req-12345678");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
  });

  it("a unique violation is not infrastructure", () => {
    expect(isInfrastructureError(wrapped({ code: "23505" }))).toBe(false);
    expect(toAppError(wrapped({ code: "23505" })).code).toBe("internal");
  });

  it("zod issues become field details", () => {
    const schema = z.object({
      name: z.string().min(1),
      members: z.array(z.object({ email: z.email() })),
    });
    const result = schema.safeParse({ name: "", members: [{ email: "nope" }] });
    const err = fromZodError(result.error!);
    expect(err.status).toBe(422);
    expect(err.details?.fields).toEqual([
      { field: "name", message: expect.any(String), code: "too_small" },
      { field: "members.0.email", message: expect.any(String), code: "invalid_format" },
    ]);
    expect(err.message).toMatch(/^name: /);
  });
});

describe("AppError across module copies", () => {
  it("is recognised by another copy of lib/errors (routes and the shared services may differ)", async () => {
    const second = "@/lib/errors?second-copy"; // a query string makes Vite load a separate copy
    const copy = (await import(/* @vite-ignore */ second)) as typeof import("@/lib/errors");
    expect(copy.AppError).not.toBe(AppError);
    const foreign = new copy.AppError("limit_exceeded", "Your budget is used up.", undefined, {
      headers: { "retry-after": "60" },
    });
    expect(foreign instanceof AppError).toBe(true);
    expect(toAppError(foreign)).toBe(foreign);
    const res = toHttpResponse(foreign, "req-12345678");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect(await res.json()).toEqual({
      error: { code: "limit_exceeded", message: "Your budget is used up." },
    });
    expect(new Error("plain") instanceof AppError).toBe(false);
    // Only an Error carries the mark: a plain object with it (never from JSON) is a 500.
    const forged = { [Symbol.for("ai-assistant-os.AppError")]: true, code: "not_found" };
    expect(forged instanceof AppError).toBe(false);
    expect(toHttpResponse(forged, "req-12345678").status).toBe(500);
  });
});
