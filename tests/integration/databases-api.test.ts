import { describe, expect } from "vitest";
import { POST as createDatabasePost } from "@/app/api/projects/[id]/databases/route";
import { POST as importPost } from "@/app/api/projects/[id]/databases/[dbId]/import/route";
import { POST as queryPost } from "@/app/api/projects/[id]/databases/[dbId]/records/query/route";
import { POST as createRecordPost } from "@/app/api/projects/[id]/databases/[dbId]/records/route";
import { POST as schemaPost } from "@/app/api/projects/[id]/databases/[dbId]/schema/route";
import { POST as createProjectPost } from "@/app/api/projects/route";
import { MAX_FIELDS, MAX_IMPORT_BYTES, MAX_RECORD_BYTES } from "@/lib/databases/schemas";
import { signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call } from "../helpers/http";

/** A signed-in owner of a project with a database of one text field, over the real route handlers. */
async function setup() {
  await signedInUser("first"); // the first user of a fresh database becomes admin; the owner below is a member
  const { cookie } = await signedInUser("owner");
  const created = await call(createProjectPost, "/api/projects", {
    cookie,
    json: { name: "HTTP" },
  });
  expect(created.status).toBe(201);
  const { project } = await created.json();
  expect(project).toMatchObject({ id: expect.any(String), name: "HTTP", role: "owner" });
  const params = { id: project.id as string };
  const res = await call(createDatabasePost, `/api/projects/${params.id}/databases`, {
    cookie,
    params,
    json: { name: "Notes", fields: [{ name: "Body", type: "text" }] },
  });
  expect(res.status).toBe(201);
  const { database } = await res.json();
  expect(database).toMatchObject({
    projectId: params.id,
    name: "Notes",
    fields: [{ name: "Body" }],
  });
  const p = { id: params.id, dbId: database.id as string };
  const path = (rest: string) => `/api/projects/${p.id}/databases/${p.dbId}${rest}`;
  return { cookie, p, path, body: database.fields[0].id as string };
}

describe("databases over HTTP: limits and bad input get exact error bodies, and nothing is written", () => {
  dbTest("malformed JSON, unknown keys, wrong operator for the type", async () => {
    const t = await setup();
    const broken = await call(queryPost, t.path("/records/query"), {
      cookie: t.cookie,
      params: t.p,
      body: "{ filters: [",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatchObject({ code: "bad_request" });

    const unknownKey = await call(queryPost, t.path("/records/query"), {
      cookie: t.cookie,
      params: t.p,
      json: { filters: [], limit: 10 },
    });
    expect(unknownKey.status).toBe(422);
    expect((await unknownKey.json()).error.details.fields).toEqual([
      { field: "limit", message: "is not a known field", code: "unrecognized_keys" },
    ]);

    const wrongOp = await call(queryPost, t.path("/records/query"), {
      cookie: t.cookie,
      params: t.p,
      json: { filters: [{ field: t.body, op: "gte", value: 3 }] },
    });
    expect(wrongOp.status).toBe(422);
    expect(await wrongOp.json()).toMatchObject({
      error: {
        code: "validation",
        message: expect.any(String),
        details: {
          fields: [
            { field: "filters.0.op", message: "range filters are for number and date fields" },
          ],
        },
      },
    });

    const bigPage = await call(queryPost, t.path("/records/query"), {
      cookie: t.cookie,
      params: t.p,
      json: { pageSize: 501 },
    });
    expect(bigPage.status).toBe(422);
    expect((await bigPage.json()).error.details.fields[0].field).toBe("pageSize");
  });

  dbTest(
    "a record over 64 KB is 413 naming data; a text over 10 000 characters is 422 naming its field",
    async () => {
      const t = await setup();
      // Seven fields of 9 400 characters: each value is valid, the record as a whole (≈ 66 KB) is too
      // big, and the request still fits the route's body cap, so the service's own check answers.
      for (let i = 0; i < 6; i++)
        expect(
          (
            await call(schemaPost, t.path("/schema"), {
              cookie: t.cookie,
              params: t.p,
              json: { op: "add_field", field: { name: `Part ${i}`, type: "text" } },
            })
          ).status,
        ).toBe(200);
      const db = await (
        await call(queryPost, t.path("/records/query"), { cookie: t.cookie, params: t.p, json: {} })
      ).json();
      expect(db.total).toBe(0);
      const fields = (
        await (
          await call(schemaPost, t.path("/schema"), {
            cookie: t.cookie,
            params: t.p,
            json: { op: "rename_database", name: "Notes" },
          })
        ).json()
      ).database.fields as { id: string }[];
      const huge = Object.fromEntries(fields.map((f) => [f.id, "x".repeat(9_400)]));
      expect(Buffer.byteLength(JSON.stringify(huge))).toBeGreaterThan(MAX_RECORD_BYTES);
      const tooBig = await call(createRecordPost, t.path("/records"), {
        cookie: t.cookie,
        params: t.p,
        json: { data: huge },
      });
      expect(tooBig.status).toBe(413);
      expect((await tooBig.json()).error).toMatchObject({
        code: "payload_too_large",
        details: {
          fields: [{ field: "data", message: `must be at most ${MAX_RECORD_BYTES} bytes as JSON` }],
        },
      });

      const longText = await call(createRecordPost, t.path("/records"), {
        cookie: t.cookie,
        params: t.p,
        json: { data: { [t.body]: "y".repeat(10_001) } },
      });
      expect(longText.status).toBe(422);
      expect((await longText.json()).error.details.fields).toMatchObject([
        { field: `data.${t.body}`, message: "must be at most 10000 characters" },
      ]);
      expect(
        (
          await (
            await call(queryPost, t.path("/records/query"), {
              cookie: t.cookie,
              params: t.p,
              json: {},
            })
          ).json()
        ).total,
      ).toBe(0);
    },
  );

  dbTest(
    `at most ${MAX_FIELDS} fields: creating with more, or adding one more, is 422 naming the field`,
    async () => {
      const t = await setup();
      const many = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => ({
        name: `c${i}`,
        type: "number",
      }));
      const create = await call(createDatabasePost, `/api/projects/${t.p.id}/databases`, {
        cookie: t.cookie,
        params: { id: t.p.id },
        json: { name: "Wide", fields: many },
      });
      expect(create.status).toBe(422);
      expect((await create.json()).error.details.fields).toMatchObject([
        { field: "fields", message: `must have at most ${MAX_FIELDS} fields` },
      ]);

      const full = await call(createDatabasePost, `/api/projects/${t.p.id}/databases`, {
        cookie: t.cookie,
        params: { id: t.p.id },
        json: { name: "Full", fields: many.slice(0, MAX_FIELDS) },
      });
      expect(full.status).toBe(201);
      const fullId = (await full.json()).database.id as string;
      const add = await call(schemaPost, `/api/projects/${t.p.id}/databases/${fullId}/schema`, {
        cookie: t.cookie,
        params: { id: t.p.id, dbId: fullId },
        json: { op: "add_field", field: { name: "one more", type: "text" } },
      });
      expect(add.status).toBe(422);
      expect((await add.json()).error.details.fields).toMatchObject([
        { field: "field", message: `a database has at most ${MAX_FIELDS} fields` },
      ]);
    },
  );

  dbTest(
    "an import over 5 MB is refused before it is parsed (413 naming content), and nothing is imported",
    async () => {
      const t = await setup();
      const content = `Body\n${"é".repeat(MAX_IMPORT_BYTES / 2)}`; // 2.5 M characters, 5 MB and a bit as UTF-8
      const res = await call(importPost, t.path("/import"), {
        cookie: t.cookie,
        params: t.p,
        json: { format: "csv", content },
      });
      expect(res.status).toBe(413);
      expect((await res.json()).error).toMatchObject({
        code: "payload_too_large",
        details: {
          fields: [{ field: "content", message: `is ${Buffer.byteLength(content)} bytes` }],
        },
      });
      const far = await call(importPost, t.path("/import"), {
        cookie: t.cookie,
        params: t.p,
        json: { format: "csv", content: "z".repeat(MAX_IMPORT_BYTES + 128 * 1024) },
      });
      expect(far.status).toBe(413); // the route's body cap, before JSON parsing
      expect(
        (
          await (
            await call(queryPost, t.path("/records/query"), {
              cookie: t.cookie,
              params: t.p,
              json: {},
            })
          ).json()
        ).total,
      ).toBe(0);
    },
  );
});
