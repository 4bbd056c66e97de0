import { describe, expect } from "vitest";
import { POST as chat } from "@/app/api/ai/chat/route";
import { POST as register } from "@/app/api/auth/register/route";
import { POST as createKey } from "@/app/api/keys/route";
import { POST as importRecords } from "@/app/api/projects/[id]/databases/[dbId]/import/route";
import { POST as createRecord } from "@/app/api/projects/[id]/databases/[dbId]/records/route";
import { POST as createDatabase } from "@/app/api/projects/[id]/databases/route";
import { POST as createDocument } from "@/app/api/projects/[id]/documents/route";
import { GET as listProjects, POST as createProject } from "@/app/api/projects/route";
import { MAX_JSON_DEPTH } from "@/lib/text-guard";
import { signedInUser } from "../helpers/auth";
import { dbTest } from "../helpers/db";
import { call, type CallOptions } from "../helpers/http";

type Handler = Parameters<typeof call>[0];
const NUL = "before\u0000after";
const LONE = "before\ud800after";

/** A Tiptap document `levels` blocks deep, as raw JSON (JSON.stringify itself overflows at 10,000). */
const deepDoc = (levels: number) =>
  `{"title":"Deep","content":{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(levels)}${"]}".repeat(levels)}]}}`;

async function expectRefused(res: Response, field: string, code: string) {
  const body = await res.json();
  expect([res.status, body.error.code]).toEqual([422, "validation"]);
  expect(body.error.details.fields[0]).toMatchObject({ field, code });
}

async function setup() {
  const { cookie } = await signedInUser("poison");
  const made = await call(createProject, "/api/projects", { cookie, json: { name: "P" } });
  const projectId = (await made.json()).project.id as string;
  const db = await call(createDatabase, "/api/x", {
    cookie,
    params: { id: projectId },
    json: {
      name: "Things",
      fields: [
        { name: "Name", type: "text" },
        { name: "Blob", type: "json" },
      ],
    },
  });
  const database = (await db.json()).database as { id: string; fields: { id: string }[] };
  return { cookie, projectId, databaseId: database.id, blobId: database.fields[1]!.id };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Each writes user text where a NUL or a lone surrogate would reach the database; `at` is the field. */
const writes: [string, Handler, (s: Setup, text: string) => CallOptions, string][] = [
  ["project name", createProject, (s, t) => ({ cookie: s.cookie, json: { name: t } }), "name"],
  [
    "document title",
    createDocument,
    (s, t) => ({ cookie: s.cookie, params: { id: s.projectId }, json: { title: t } }),
    "title",
  ],
  [
    "database field name",
    createDatabase,
    (s, t) => ({
      cookie: s.cookie,
      params: { id: s.projectId },
      json: { name: "D", fields: [{ name: t, type: "text" }] },
    }),
    "fields.0.name",
  ],
  [
    "record value",
    createRecord,
    (s, t) => ({
      cookie: s.cookie,
      params: { id: s.projectId, dbId: s.databaseId },
      json: { data: { Name: t } },
    }),
    "data.Name",
  ],
  ["API key name", createKey, (s, t) => ({ cookie: s.cookie, json: { name: t } }), "name"],
  ["chat content", chat, (s, t) => ({ cookie: s.cookie, json: { content: t } }), "content"],
  [
    "a key of an object",
    createRecord,
    (s, t) => ({
      cookie: s.cookie,
      params: { id: s.projectId, dbId: s.databaseId },
      json: { data: { [t]: "x" } },
    }),
    `data.${NUL}`,
  ],
  [
    "registration name (anonymous)",
    register,
    (_s, t) => ({ json: { email: "poison@example.com", password: "x".repeat(16), name: t } }),
    "name",
  ],
];

describe("text no database can store is refused with 422 naming the field", () => {
  dbTest.each(writes)("%s", async (_name, handler, options, field) => {
    const s = await setup();
    for (const text of [NUL, LONE]) {
      const at = field.includes(NUL) ? field.replace(NUL, text) : field;
      await expectRefused(await call(handler, "/api/x", options(s, text)), at, "invalid_text");
    }
  });

  dbTest("a NUL in a query value is refused, named query.<name>", async () => {
    const { cookie } = await setup();
    const res = await call(listProjects, "/api/projects?q=%00", { cookie });
    await expectRefused(res, "query.q", "invalid_text");
  });

  dbTest("JSON text in an import or a json field is held to the same rule", async () => {
    const s = await setup();
    const params = { id: s.projectId, dbId: s.databaseId };
    const imported = await call(importRecords, "/api/x", {
      cookie: s.cookie,
      params,
      json: { format: "json", content: '[{"Name":"ok"},{"Name":"a\\u0000b"}]' },
    });
    await expectRefused(imported, "content.1.Name", "invalid_text");
    // A CSV cell of a json field is parsed as JSON: its escapes are checked once parsed.
    const csv = await call(importRecords, "/api/x", {
      cookie: s.cookie,
      params,
      json: { format: "csv", content: 'Name,Blob\nok,"{""a"":""\\ud800""}"\n' },
    });
    const report = (await csv.json()).error.details.report;
    expect([csv.status, report.imported, report.errors]).toEqual([
      422,
      0,
      [{ row: 1, problems: [expect.stringMatching(/^Blob: the JSON \(at a\) .*lone surrogate/)] }],
    ]);
  });
});

describe("nesting deeper than the validators can walk is a 422, never a stack overflow", () => {
  dbTest("a 10,000-deep Tiptap document names where it got too deep", async () => {
    const s = await setup();
    const res = await call(createDocument, "/api/x", {
      cookie: s.cookie,
      params: { id: s.projectId },
      body: deepDoc(10_000),
      headers: { "content-type": "application/json" },
    });
    const body = await res.json();
    expect([res.status, body.error.details.fields[0].code]).toEqual([422, "too_deep"]);
    expect(body.error.details.fields[0].field).toMatch(/^content\.content\.0\.content\.0\./);
  });

  dbTest("a document just inside the limit is stored", async () => {
    const s = await setup();
    // Two JSON levels (an object and its content array) per block, three above the first block.
    const levels = Math.floor((MAX_JSON_DEPTH - 4) / 2);
    const res = await call(createDocument, "/api/x", {
      cookie: s.cookie,
      params: { id: s.projectId },
      body: deepDoc(levels),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(201);
  });

  dbTest("a deep JSON record value is refused too", async () => {
    const s = await setup();
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const res = await call(createRecord, "/api/x", {
      cookie: s.cookie,
      params: { id: s.projectId, dbId: s.databaseId },
      body: `{"data":{"${s.blobId}":${deep}}}`,
      headers: { "content-type": "application/json" },
    });
    expect([res.status, (await res.json()).error.details.fields[0].code]).toEqual([
      422,
      "too_deep",
    ]);
  });
});
