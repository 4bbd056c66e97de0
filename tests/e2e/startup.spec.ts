import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openPglite } from "@/db/client";
import { aiRequests } from "@/db/schema";
import { remoteApiKey } from "../helpers/remote-user";
import { startNext, waitForHttp } from "./helpers/next-server";

// These start their own `next start` processes next to the one Playwright runs.
const STRONG = "Qm8#vT2$kL9@pX4&wZ7!rN3^bH6*cJ1%fD5(gS0)yA2-eU8+iO4=uP7~tR3?lK9z";
const freshDir = () => mkdtempSync(path.join(os.tmpdir(), "aios-e2e-start-"));

test("production with a weak SECRET_KEY refuses to start and names it", async () => {
  const server = startNext(3221, {
    ENVIRONMENT: "production",
    SECRET_KEY: "not-long-enough",
    DATA_DIR: freshDir(),
  });
  expect(await server.exited).not.toBe(0);
  expect(server.output()).toContain("SECRET_KEY is 15 characters; production needs at least 64");
});

test("production with an http:// CORS origin refuses to start and names it", async () => {
  const server = startNext(3222, {
    ENVIRONMENT: "production",
    SECRET_KEY: STRONG,
    CORS_ORIGINS: "http://x.example",
    DATA_DIR: freshDir(),
  });
  expect(await server.exited).not.toBe(0);
  expect(server.output()).toContain(
    'CORS_ORIGINS "http://x.example" uses http:// which production refuses',
  );
});

test("a second server on the same embedded database stops with a clear message", async () => {
  const server = startNext(3223, { DATA_DIR: process.env.E2E_DATA_DIR! });
  expect(await server.exited).not.toBe(0);
  expect(server.output()).toMatch(
    /The embedded database in .*pg is already open in another process \(pid \d+/,
  );
});

test("with an unreachable DATABASE_URL the server runs and reports 503", async () => {
  const server = startNext(3224, {
    DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
    DB_CONNECT_TIMEOUT: "2",
    DATA_DIR: freshDir(),
  });
  try {
    const res = await waitForHttp(server, "http://127.0.0.1:3224/api/monitoring/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "error",
      checks: {
        database: { status: "error", driver: "postgres", error: "unreachable" },
        cache: { status: "ok", quarantined: 0, corruptEntries: 0 },
        ledger: { status: "ok", pending: 0, dropped: 0, quarantined: 0, spilled: 0 },
      },
    });
  } finally {
    await server.stop();
  }
});

test("SIGTERM flushes the cost ledger before the database closes: a request answered just before is on record", async () => {
  const dataDir = freshDir();
  const fake = `http://127.0.0.1:${process.env.E2E_FAKE_PROVIDER_PORT ?? 3299}/v1`;
  const server = startNext(3226, {
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    OPENAI_API_KEY: "sk-fake",
    OPENAI_BASE_URL: fake,
  });
  const base = "http://127.0.0.1:3226";
  expect((await waitForHttp(server, `${base}/api/monitoring/health`)).status).toBe(200);
  const { key } = await remoteApiKey(base);
  const res = await fetch(`${base}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: "on the record" }] }),
  });
  expect(res.status).toBe(200);
  await server.stop(); // at once: the ledger's 1 s batch timer has not fired yet
  expect(server.output()).toMatch(/"hook":"ai-router".*shutdown hook done/);
  const db = await openPglite({ dataDir: path.join(dataDir, "pg") });
  try {
    const rows = await db.db.select().from(aiRequests);
    expect(rows).toEqual([
      expect.objectContaining({
        status: "ok",
        servedModel: "gpt-4o-mini",
        requestedModel: "auto",
        taskType: "chat",
      }),
    ]);
  } finally {
    await db.close();
  }
});

test("SIGTERM closes the embedded database and releases its lock", async () => {
  const dataDir = freshDir();
  const server = startNext(3225, { DATA_DIR: dataDir, LOG_LEVEL: "info" });
  const res = await waitForHttp(server, "http://127.0.0.1:3225/api/monitoring/health");
  expect(res.status).toBe(200);
  await server.stop();
  expect(server.output()).toContain('"hook":"database"');
  expect(server.output()).toContain("shutdown hook done");
  // The lock is gone, so the next owner opens it without a stale-lock takeover.
  const next = startNext(3225, { DATA_DIR: dataDir });
  try {
    expect((await waitForHttp(next, "http://127.0.0.1:3225/api/monitoring/health")).status).toBe(
      200,
    );
  } finally {
    await next.stop();
  }
});
