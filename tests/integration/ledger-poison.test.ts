import { expect } from "vitest";
import { aiRequests, type NewAiRequest } from "@/db/schema";
import { Ledger } from "@/lib/ai/ledger";
import { insertMany } from "@/lib/db/insert-many";
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
