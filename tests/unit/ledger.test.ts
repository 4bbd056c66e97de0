import { describe, expect, it } from "vitest";
import type { NewAiRequest } from "@/db/schema";
import { Ledger } from "@/lib/ai/ledger";

const row = (i: number): NewAiRequest => ({
  taskType: "chat",
  latencyMs: i,
  status: "ok",
  source: "api",
});

describe("Ledger (batched, off the request path)", () => {
  it("queues without writing, then writes in batches on flush", async () => {
    const writes: number[] = [];
    const ledger = new Ledger(async (rows) => void writes.push(rows.length), {
      maxBatch: 3,
      intervalMs: 60_000,
      maxQueued: 100,
    });
    for (let i = 0; i < 2; i++) ledger.record(row(i));
    expect(writes).toEqual([]);
    expect(ledger.pending).toBe(2);
    for (let i = 2; i < 7; i++) ledger.record(row(i));
    await ledger.flush();
    expect(writes.reduce((a, b) => a + b, 0)).toBe(7);
    expect(Math.max(...writes)).toBeLessThanOrEqual(3);
    expect(ledger.pending).toBe(0);
  });

  it("yields to the event loop between batches (a synchronous write never holds it for a whole backlog)", async () => {
    const events: string[] = [];
    // A write that, like PGlite's, does its work synchronously on this thread.
    const ledger = new Ledger(async (rows) => void events.push(`write ${rows.length}`), {
      maxBatch: 2,
      intervalMs: 60_000,
      maxQueued: 100,
    });
    for (let i = 0; i < 6; i++) ledger.record(row(i));
    await ledger.flush();
    events.length = 0;
    for (let i = 0; i < 6; i++) ledger.record(row(i));
    const flushed = ledger.flush();
    // A request's I/O callback waiting for the loop: it runs between the batches, not after all.
    setImmediate(() => events.push("other work"));
    await flushed;
    expect(events.slice(0, 2)).toEqual(["write 2", "other work"]);
    expect(events.filter((e) => e.startsWith("write"))).toEqual(["write 2", "write 2", "write 2"]);
  });

  it("writes on its own after the interval", async () => {
    const written: NewAiRequest[] = [];
    const ledger = new Ledger(async (rows) => void written.push(...rows), {
      maxBatch: 100,
      intervalMs: 20,
      maxQueued: 100,
    });
    ledger.record(row(1));
    await new Promise((r) => setTimeout(r, 60));
    expect(written).toHaveLength(1);
  });

  it("keeps rows when a write fails and writes them on the next flush", async () => {
    let fail = true;
    const written: NewAiRequest[] = [];
    const errors: unknown[] = [];
    const ledger = new Ledger(
      async (rows) => {
        if (fail) throw new Error("database down");
        written.push(...rows);
      },
      { maxBatch: 10, intervalMs: 60_000, maxQueued: 100, onError: (e) => errors.push(e) },
    );
    ledger.record(row(1));
    ledger.record(row(2));
    await ledger.flush();
    expect(errors).toHaveLength(1);
    expect(ledger.pending).toBe(2);
    fail = false;
    await ledger.flush();
    expect(written.map((r) => r.latencyMs)).toEqual([1, 2]);
  });

  it("bounds memory: beyond maxQueued the oldest rows are dropped and counted", () => {
    const ledger = new Ledger(async () => {}, { maxBatch: 1000, intervalMs: 60_000, maxQueued: 3 });
    for (let i = 0; i < 5; i++) ledger.record(row(i));
    expect(ledger.pending).toBe(3);
    expect(ledger.dropped).toBe(2);
  });
});
