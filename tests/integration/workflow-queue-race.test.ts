import postgres from "postgres";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openPostgres } from "@/db/client";
import { openQueue, type WorkflowQueue } from "@/lib/workflows/queue";
import { testLog } from "../helpers/db";

// Two instances started together on a new database both create pg-boss's schema and queues.
// pg-boss 10 does not lock queue creation: without a retry one of them deadlocked (40P01, 15
// times in 15 on this machine) and ran with no workflow worker at all. The real PostgreSQL is
// always here (CI starts it), whichever database the rest of the suite runs on.
const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
const NAME = `aios_queue_race_${process.pid}`;
const admin = postgres(ADMIN, { max: 1, onnotice: () => undefined });

beforeAll(() => admin.unsafe(`drop database if exists ${NAME} with (force)`));
afterAll(async () => {
  await admin.unsafe(`drop database if exists ${NAME} with (force)`);
  await admin.end();
});

test("two instances opening the queue at once on a new database both get it, five times over", async () => {
  for (let round = 0; round < 5; round++) {
    await admin.unsafe(`drop database if exists ${NAME} with (force)`);
    await admin.unsafe(`create database ${NAME}`);
    const handles = [0, 1].map(() =>
      openPostgres({
        url: ADMIN.replace(/\/postgres$/, `/${NAME}`),
        poolMax: 5,
        idleTimeoutSeconds: 0,
        maxLifetimeSeconds: 0,
        connectTimeoutSeconds: 5,
      }),
    );
    const opened = await Promise.allSettled(
      handles.map((h) => openQueue(h, testLog, { schedule: false })),
    );
    const queues = opened.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    try {
      expect(opened.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual([
        "ok",
        "ok",
      ]);
      // And both can use it: a job sent through one is in the queue the other reads.
      await queues[0]!.enqueue("00000000-0000-4000-8000-000000000000");
    } finally {
      await Promise.all(queues.map((q: WorkflowQueue) => q.stop()));
      await Promise.all(handles.map((h) => h.close()));
    }
  }
}, 60_000);
