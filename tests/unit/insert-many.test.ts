import { drizzle } from "drizzle-orm/postgres-js";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { aiRequests, users } from "@/db/schema";
import { insertStatement } from "@/lib/db/insert-many";

const db = drizzle.mock({ schema });
const full = {
  userId: "5f0b6c9e-3c1e-4c43-9a55-1d3f1c2b7a10",
  apiKeyId: "0b7a1e8c-2d44-4f3a-8c1b-9e6f5a4d3c21",
  requestId: "req-1",
  taskType: "code",
  requestedModel: "auto",
  servedModel: "gpt-4o-mini",
  provider: "openai",
  inputTokens: 12,
  outputTokens: 34,
  costUsd: 0.000123,
  latencyMs: 7,
  ttftMs: 3,
  cached: true,
  stream: true,
  status: "ok" as const,
  fallbackCount: 1,
  source: "api" as const,
  createdAt: new Date("2026-01-02T03:04:05.678Z"),
};
const sparse = {
  taskType: "chat",
  latencyMs: 1,
  status: "error" as const,
  source: "chat" as const,
};
const withNulls = { ...sparse, userId: null, errorClass: "timeout", ttftMs: undefined };

describe("insertStatement (drizzle's multi-row INSERT, built in a loop)", () => {
  it.each([
    ["one full row", [full]],
    ["rows that leave columns out (DEFAULT)", [sparse, full, withNulls]],
    ["200 ledger-shaped rows", Array.from({ length: 200 }, (_, i) => ({ ...full, latencyMs: i }))],
  ])("%s: the same text and parameters as drizzle", (_, rows) => {
    const expected = db.insert(aiRequests).values(rows).toSQL();
    expect(insertStatement(aiRequests, rows)).toEqual({
      sql: expected.sql,
      params: expected.params,
    });
  });

  it("matches drizzle on another table (users: SQL defaults, an enum, timestamps)", () => {
    const rows = [{ email: "a@example.com", passwordHash: "x", role: "member" as const }];
    const expected = db.insert(users).values(rows).toSQL();
    expect(insertStatement(users, rows)).toEqual({ sql: expected.sql, params: expected.params });
  });

  it("declines what it does not build: no rows, SQL values", async () => {
    const { sql } = await import("drizzle-orm");
    expect(insertStatement(aiRequests, [])).toBeUndefined();
    expect(insertStatement(aiRequests, [{ ...sparse, createdAt: sql`now()` }])).toBeUndefined();
  });
});
