import { expect } from "vitest";
import { aiRequests, type NewAiRequest } from "@/db/schema";
import { Ledger } from "@/lib/ai/ledger";
import { insertMany } from "@/lib/db/insert-many";
import { checkHealth } from "@/lib/monitoring/health";
import { dbTest } from "../helpers/db";

const row = (requestedModel: string): NewAiRequest => ({
  taskType: "chat",
  requestedModel,
  latencyMs: 1,
  status: "error",
  errorClass: "model_not_found",
  source: "api",
});

dbTest(
  "a ledger row carrying a NUL byte or a lone surrogate is stored, and so is every row after it",
  async ({ db }) => {
    const failures: unknown[] = [];
    const written: NewAiRequest[] = [];
    const ledger = new Ledger((rows) => (written.push(...rows), insertMany(db, aiRequests, rows)), {
      maxBatch: 10,
      intervalMs: 60_000,
      maxQueued: 100,
      onError: (err) => failures.push(err),
    });
    ledger.record(row("\u0000"));
    ledger.record(row("gpt\ud800"));
    ledger.record(row("gpt-4o-mini"));
    await ledger.flush();
    expect(failures).toEqual([]);
    expect(ledger.pending).toBe(0);
    const stored = await db.select({ model: aiRequests.requestedModel }).from(aiRequests);
    expect(stored.map((r) => r.model).sort()).toEqual(["gpt-4o-mini", "gpt\uFFFD", "\uFFFD"]);
    // Fixed before the driver sees them: a driver may not replace a lone surrogate by itself.
    expect(written.map((r) => r.requestedModel)).toEqual(["\uFFFD", "gpt\uFFFD", "gpt-4o-mini"]);
  },
);

dbTest(
  "a row the database refuses is isolated and quarantined: the 1,000 around it are written",
  async ({ db, services }) => {
    const quarantined: NewAiRequest[] = [];
    // Each write in a savepoint, as each is its own statement outside the test's transaction.
    const write = (rows: NewAiRequest[]) =>
      db.transaction((tx) => insertMany(tx, aiRequests, rows));
    const ledger = new Ledger(write, {
      maxBatch: 100,
      intervalMs: 60_000,
      maxQueued: 5_000,
      onQuarantine: (r) => quarantined.push(r),
    });
    for (let i = 0; i < 1_000; i++) {
      ledger.record(row(`good-${i}`));
      // A status the table's check constraint refuses (a bug of ours, not storable text).
      if (i === 437) ledger.record({ ...row("poison"), status: "bogus" as "ok" });
    }
    await ledger.flush();
    expect(ledger.pending).toBe(0);
    const stored = await db.select({ model: aiRequests.requestedModel }).from(aiRequests);
    expect(stored).toHaveLength(1_000);
    expect(stored.some((r) => r.model === "poison")).toBe(false);
    expect([ledger.quarantined, quarantined.map((r) => r.requestedModel)]).toEqual([1, ["poison"]]);
    expect(ledger.quarantine[0]!.error).toMatch(/ai_requests_status_valid/);
    // And the health probe says so.
    const health = await checkHealth({ ...services, ai: { ledger } });
    expect([health.status, health.checks.ledger]).toEqual([
      "degraded",
      { status: "degraded", pending: 0, dropped: 0, quarantined: 1, spilled: 0 },
    ]);
  },
);

dbTest("a database that cannot be reached quarantines nothing: the rows wait", async () => {
  const gone = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
  });
  const failures: unknown[] = [];
  const ledger = new Ledger(async () => Promise.reject(gone), {
    maxBatch: 100,
    intervalMs: 60_000,
    maxQueued: 100,
    onError: (err) => failures.push(err),
  });
  for (let i = 0; i < 25; i++) ledger.record(row(`waiting-${i}`));
  await ledger.flush();
  expect([ledger.pending, ledger.quarantined, failures.length]).toEqual([25, 0, 1]);
});
