import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { fixedDatabase } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { WorkflowRuntime } from "@/lib/workflows/runtime/runtime";
import { waitFor } from "../helpers/workflows";
import { committedDatabase, TEST_VARS, testLog } from "../helpers/db";

// The lease sweep is what takes over runs whose worker died: it must keep running even when
// the first one fails (the database slow at start-up).
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await committedDatabase();
});
afterAll(() => handle.close());

describe("the workflow lease sweep", () => {
  it(
    "a first sweep that fails (the database slow at start) leaves the worker and its periodic sweep running",
    { timeout: 30_000 },
    async () => {
      const stopping = new AbortController();
      const rt = new WorkflowRuntime({
        env: parseEnv({ ...TEST_VARS, WORKFLOW_CONCURRENCY: "1" }),
        log: testLog,
        database: fixedDatabase(handle),
        stopping: stopping.signal,
        ctxFor: async () => {
          throw new Error("no run is worked here");
        },
        leaseMs: 100,
      });
      const sweeps = vi
        .spyOn(rt, "sweep")
        .mockRejectedValueOnce(new Error("The database did not answer within 500 ms."));
      try {
        await rt.startWorker({ embedded: false }); // resolves: the failure is logged
        await waitFor(async () => (sweeps.mock.calls.length >= 3 ? true : undefined), 5_000, 50);
        const later = await Promise.all(sweeps.mock.results.slice(1, 3).map((r) => r.value));
        for (const n of later) expect(typeof n).toBe("number");
      } finally {
        await rt.close();
        stopping.abort();
      }
    },
  );
});
