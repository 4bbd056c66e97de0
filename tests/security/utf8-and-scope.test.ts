import { beforeAll, describe, expect } from "vitest";
import * as budgets from "@/app/api/admin/budgets/route";
import { POST as createProject } from "@/app/api/projects/route";
import { POST as createKey } from "@/app/api/keys/route";
import { apiKey } from "../helpers/ai-api";
import { signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import type { FakeProvider } from "../helpers/fake-provider";
import { call } from "../helpers/http";
import { routerTest, useFakeProvider } from "../helpers/router";
import { TRANSPORTS } from "../helpers/transports";

// Bytes that are not UTF-8 were decoded into U+FFFD and stored, while the escaped form of the
// same character (\ud800) was refused: now both are refused, on both transports.
const NOT_UTF8 = [
  Buffer.from('{"name":"a\xed\xa0\x80b"}', "latin1"), // an encoded surrogate
  Buffer.from('{"name":"a\xc0\x80b"}', "latin1"), // an overlong NUL
  Buffer.from('{"name":"a\xf4\x90\x80\x80b"}', "latin1"), // past U+10FFFF
];

describe("a body that is not UTF-8", () => {
  dbTest("is a 400 on an app route, nothing stored", async () => {
    const { cookie } = await signedInUser("utf8");
    for (const body of NOT_UTF8) {
      const res = await call(createProject, "/api/projects", {
        body,
        headers: { "content-type": "application/json" },
        cookie,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: "bad_request", message: "The request body is not valid UTF-8." },
      });
    }
  });

  const provider = useFakeProvider();
  let fake: FakeProvider;
  beforeAll(() => {
    fake = provider();
  });
  describe.each(TRANSPORTS)("on /api/v1 via $name", (t) => {
    routerTest("is a 400 invalid_request_error", async ({ install }) => {
      await install(fake);
      const key = await apiKey((await signedInUser("utf8-v1")).cookie);
      const res = await t.call("/api/v1/chat/completions", {
        body: Buffer.from(
          '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"\xed\xa0\x80"}]}',
          "latin1",
        ),
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({
        type: "invalid_request_error",
        message: "The request body is not valid UTF-8.",
      });
    });
  });
});

describe("an admin's API key without the admin scope", () => {
  dbTest("is refused on an admin route before its input is read (no schema)", async () => {
    const admin = await signedInUser("admin"); // the first account is the admin
    const made = await call(createKey, "/api/keys", {
      json: { name: "read only", scopes: ["read"] },
      cookie: admin.cookie,
    });
    const { key } = (await made.json()) as { key: string };
    const res = await call(budgets.PUT, "/api/admin/budgets", {
      method: "PUT",
      json: { nonsense: 1 },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: "forbidden", message: 'This API key lacks the "admin" scope.' },
    });
  });
});
