import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { dbTest } from "../helpers/db";

const CreateUser = z.object({
  email: z.email().describe("Login email"),
  name: z.string().min(1).max(100).describe("Display name"),
});

// A representative handler: validated body in, one write through ctx.db, JSON out. These are
// open to anyone ("public"), so the wrapper's own steps are seen without a session; who may call
// a route is tested in tests/security/audience.test.ts.
const createUser = route(
  { body: CreateUser, status: 201, maxBodyBytes: 4096, audience: "public" },
  async ({ ctx, body }) => {
    const [user] = await ctx.db
      .insert(users)
      .values({ email: body.email.toLowerCase(), name: body.name, passwordHash: "x" })
      .returning({ id: users.id, email: users.email });
    return { user };
  },
);
const getUser = route<undefined, { fields?: string }>(
  { query: z.object({ fields: z.string().optional() }), audience: "public" },
  async ({ ctx, params }) => {
    const [user] = await ctx.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, params.id!)); // the route's one segment: /api/users/[id]
    if (!user) throw notFound("User");
    return user;
  },
);
const crash = route({ audience: "public" }, async () => {
  throw new Error("secret internals: token=abc");
});
const dbDown = route({ audience: "public" }, async () => {
  throw Object.assign(new Error("Failed query"), {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });
});

const params = <P extends object>(p: P) => ({ params: Promise.resolve(p) });
const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/users", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

describe("route wrapper", () => {
  dbTest("validates, runs the handler with ctx, and returns JSON with a request id", async () => {
    const res = await createUser(
      post(JSON.stringify({ email: "Ada@Example.com", name: "Ada" }), {
        "x-request-id": "abc-12345678",
      }),
      params({}),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe("abc-12345678");
    const { user } = await res.json();
    expect(user.email).toBe("ada@example.com");

    const fetched = await getUser(
      new Request(`http://localhost/api/users/${user.id}`),
      params({ id: user.id }),
    );
    expect(await fetched.json()).toEqual({ email: "ada@example.com" });
  });

  dbTest("malformed JSON: 400 envelope, nothing written", async ({ db }) => {
    const res = await createUser(post('{"email": "a@b.c",'), params({}));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/^Malformed JSON: /);
    expect(await db.select().from(users)).toHaveLength(0);
  });

  dbTest("invalid fields: 422 naming each field", async () => {
    const res = await createUser(
      post(JSON.stringify({ email: "not-an-email", name: "" })),
      params({}),
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: {
        code: "validation",
        message: expect.stringMatching(/^email: /),
        details: {
          fields: [
            { field: "email", message: expect.any(String), code: "invalid_format" },
            { field: "name", message: expect.any(String), code: "too_small" },
          ],
        },
      },
    });
  });

  dbTest("a body over the route's cap: 413", async () => {
    const res = await createUser(
      post(JSON.stringify({ email: "a@b.io", name: "x".repeat(10_000) })),
      params({}),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error).toEqual({
      code: "payload_too_large",
      message: "Request body is larger than the limit of 4096 bytes.",
      details: { limitBytes: 4096 },
    });
  });

  dbTest("query strings are validated with the field path", async () => {
    const strict = route(
      { query: z.object({ limit: z.coerce.number().int().max(100) }), audience: "public" },
      async ({ query }) => query,
    );
    const res = await strict(new Request("http://localhost/api/x?limit=500"), params({}));
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.fields[0].field).toBe("query.limit");
    expect(
      await (await strict(new Request("http://localhost/api/x?limit=5"), params({}))).json(),
    ).toEqual({ limit: 5 });
  });

  dbTest("service errors keep their status; unknown ones say nothing of their cause", async () => {
    const missing = await getUser(
      new Request("http://localhost/api/users/x"),
      params({ id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: "not_found", message: "User not found." },
    });

    const crashed = await crash(new Request("http://localhost/api/crash"), params({}));
    expect(crashed.status).toBe(500);
    expect(await crashed.text()).not.toContain("secret internals");
  });

  dbTest("a database outage is a 503, not a 4xx or a bare 500", async () => {
    const res = await dbDown(new Request("http://localhost/api/x"), params({}));
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe("unavailable");
  });
});

describe("route wrapper: services that cannot be built", () => {
  it("answers the JSON envelope with the request id, not a bare 500 page", async () => {
    const { installServices } = await import("@/lib/services");
    installServices(undefined);
    vi.stubEnv("DB_POOL_MAX", "not a number"); // the environment no longer validates
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await crash(
        new Request("http://localhost/api/x", { headers: { "x-request-id": "req-abcdef12" } }),
        { params: Promise.resolve({}) },
      );
      expect(res.status).toBe(500);
      expect(res.headers.get("x-request-id")).toBe("req-abcdef12");
      expect(await res.json()).toEqual({
        error: {
          code: "internal",
          message: "Something went wrong on our side. The error was logged.",
        },
      });
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
      vi.unstubAllEnvs();
      installServices(undefined);
    }
  });
});
