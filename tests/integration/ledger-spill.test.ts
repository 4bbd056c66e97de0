import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { DatabaseUnreachableError } from "@/db/guarded-postgres";
import { aiRequests, type NewAiRequest } from "@/db/schema";
import { Ledger } from "@/lib/ai/ledger";
import { fileSpill } from "@/lib/ai/ledger-spill";
import { insertMany } from "@/lib/db/insert-many";
import { dbTest } from "../helpers/db";

// While the database cannot be reached the ledger's rows go to a file under DATA_DIR; a new
// process (a new Ledger on the same file) replays them once the database is back, and a row
// that did reach the database before (a write that timed out but committed) counts once.
const row = (n: number): NewAiRequest => ({
  taskType: "chat",
  requestedModel: `m-${n}`,
  latencyMs: 1,
  status: "ok",
  source: "api",
  costUsd: 0.001,
});

dbTest(
  "rows spilled during an outage are replayed by the next process exactly once",
  async ({ db }) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "aios-spill-")), "ledger.jsonl");
    let away = true;
    const write = async (rows: NewAiRequest[]) => {
      if (away) throw new DatabaseUnreachableError();
      await insertMany(db, aiRequests, rows, { skipExisting: true });
    };
    const opts = { maxBatch: 10, intervalMs: 60_000, maxQueued: 1_000, onError: () => {} };
    const first = new Ledger(write, { ...opts, spill: fileSpill(file) });
    for (let i = 0; i < 50; i++) first.record(row(i));
    await first.flush();
    expect([first.pending, first.spilledPending]).toEqual([50, 50]);
    // Shutdown spills what is left once more: nothing is written twice to the file.
    first.spillUnwritten();
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(50);

    // The first ten did reach the database (their write timed out after committing).
    const spilledRows = fileSpill(file).load();
    await insertMany(db, aiRequests, spilledRows.slice(0, 10));

    const second = new Ledger(write, { ...opts, spill: fileSpill(file) });
    expect(second.restoreSpilled()).toBe(50);
    await second.flush(); // still away: nothing lost, the file kept
    expect([second.pending, second.spilledPending]).toEqual([50, 50]);
    away = false;
    await second.flush();
    expect([second.pending, second.spilledPending]).toEqual([0, 0]);
    expect(readFileSync(file, "utf8")).toBe("");
    const stored = await db
      .select({ id: aiRequests.id, at: aiRequests.createdAt })
      .from(aiRequests);
    expect(stored.map((r) => r.id).sort()).toEqual(spilledRows.map((r) => r.id).sort());
    // Each keeps the time it was answered, not the time it was replayed.
    const byId = new Map(spilledRows.map((r) => [r.id, r.createdAt as Date]));
    for (const r of stored) expect(r.at.getTime()).toBe(byId.get(r.id)!.getTime());
  },
);
