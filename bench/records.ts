// npm run bench:records — list/filter one typed database of 100 000 records.
// Runs the record services in-process (no HTTP: Next.js's request floor, ≈ 7 ms here, comes on top) on
//   - the embedded database (PGlite) in a throwaway directory, by default;
//   - PostgreSQL when DATABASE_URL is set: a throwaway database `aios_bench_<pid>` is created on
//     that server and dropped afterwards, so the configured database is never touched.
// Seeds through the real import service (10 imports of 10 000 rows), then times each query shape
// interleaved, round by round, and prints p50/p95 per shape.
import "../scripts/load-env-files";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openPglite, openPostgres, type DatabaseHandle } from "../db/client";
import { users } from "../db/schema";
import { createDatabase, importRecords, listRecords } from "../lib/databases";
import { fixedDatabase, MIGRATIONS_FOLDER } from "../lib/db";
import { parseEnv } from "../lib/env";
import { createMemoryRateLimiter } from "../lib/rate-limit";
import { createCtx, createServices } from "../lib/services";
import { createProject } from "../lib/projects";
import { percentile } from "./stats";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_N ?? 200);
const WARMUP = 20;
const GOAL_P95_MS = 50;

/** Deterministic pseudo-random numbers, so every run seeds the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATUSES = ["backlog", "open", "in progress", "review", "done"];
const WORDS = [
  "alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliet",
  "kilo",
  "lima",
];

function csvRows(from: number, count: number, rand: () => number): string {
  const lines = ["Title,Status,Amount,Due,Done,Notes"];
  for (let i = from; i < from + count; i++) {
    const title = `${WORDS[Math.floor(rand() * WORDS.length)]} ${WORDS[Math.floor(rand() * WORDS.length)]} task ${i}`;
    const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 730) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const notes = rand() < 0.3 ? "" : `note ${Math.floor(rand() * 1000)}`;
    lines.push(
      [
        title,
        STATUSES[Math.floor(rand() * STATUSES.length)],
        (rand() * 10_000).toFixed(2),
        day,
        rand() < 0.5 ? "true" : "false",
        notes,
      ].join(","),
    );
  }
  return lines.join("\n");
}

async function openTarget(): Promise<{
  handle: DatabaseHandle;
  label: string;
  dispose: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aios-bench-records-"));
    const handle = await openPglite({ dataDir: path.join(dir, "pg") });
    return {
      handle,
      label: "PGlite (embedded)",
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `aios_bench_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = openPostgres({
    url: target.toString(),
    poolMax: 4,
    idleTimeoutSeconds: 0,
    maxLifetimeSeconds: 0,
    connectTimeoutSeconds: 10,
    onNotice: () => {},
  });
  const version = (await admin`show server_version`)[0]!.server_version as string;
  return {
    handle,
    label: `PostgreSQL ${version}`,
    dispose: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  const { handle, label, dispose } = await openTarget();
  try {
    await handle.migrate(MIGRATIONS_FOLDER);
    const db = handle.db;
    const env = parseEnv({ ENVIRONMENT: "test", DATA_DIR: os.tmpdir() });
    const [u] = await db
      .insert(users)
      .values({ email: "bench@example.com", passwordHash: "x", role: "member" })
      .returning();
    const services = createServices({
      env,
      database: fixedDatabase(handle),
      limiter: createMemoryRateLimiter(),
    });
    const ctx = await createCtx(services, {
      actor: {
        kind: "user",
        userId: u!.id,
        email: u!.email,
        role: "member",
        tier: "free",
        via: "session",
        scopes: ["read", "write", "admin"],
      },
      requestId: "bench",
    });
    const { project } = await createProject({ ctx, input: { name: "Bench" } });
    const { database } = await createDatabase({
      ctx,
      input: {
        projectId: project.id,
        name: "Tasks",
        fields: [
          { name: "Title", type: "text", required: true },
          { name: "Status", type: "select", options: STATUSES },
          { name: "Amount", type: "number" },
          { name: "Due", type: "date" },
          { name: "Done", type: "boolean" },
          { name: "Notes", type: "text" },
        ],
      },
    });
    const id = (name: string) => database.fields.find((f) => f.name === name)!.id;

    const rand = rng(42);
    const seedStart = performance.now();
    for (let from = 0; from < RECORDS; from += 10_000) {
      await importRecords({
        ctx,
        input: {
          projectId: project.id,
          databaseId: database.id,
          format: "csv",
          content: csvRows(from, Math.min(10_000, RECORDS - from), rand),
        },
      });
    }
    const seedMs = performance.now() - seedStart;
    // Steady state: what autovacuum (PostgreSQL) or the embedded maintenance (lib/db/maintenance.ts) does after a bulk load.
    await db.execute(sql`vacuum (analyze)`);

    const shapes: { name: string; input: object }[] = [
      { name: "first page, newest first", input: {} },
      {
        name: "status = open (select equals)",
        input: { filters: [{ field: id("Status"), op: "equals", value: "open" }] },
      },
      {
        name: "amount 100–200, sorted by amount",
        input: {
          filters: [
            { field: id("Amount"), op: "gte", value: 100 },
            { field: id("Amount"), op: "lte", value: 200 },
          ],
          sort: { field: id("Amount"), dir: "asc" },
        },
      },
      {
        name: "due in March 2025, sorted by due desc",
        input: {
          filters: [
            { field: id("Due"), op: "gte", value: "2025-03-01" },
            { field: id("Due"), op: "lte", value: "2025-03-31" },
          ],
          sort: { field: id("Due"), dir: "desc" },
        },
      },
      {
        name: "title contains 'task 4242'",
        input: { filters: [{ field: id("Title"), op: "contains", value: "task 4242" }] },
      },
      {
        name: "open and amount ≥ 5000, by amount desc, page 3",
        input: {
          filters: [
            { field: id("Status"), op: "equals", value: "open" },
            { field: id("Amount"), op: "gte", value: 5000 },
          ],
          sort: { field: id("Amount"), dir: "desc" },
          page: 3,
        },
      },
      { name: "notes is empty", input: { filters: [{ field: id("Notes"), op: "is_empty" }] } },
      {
        name: "all, sorted by title, page 1000",
        input: { sort: { field: id("Title"), dir: "asc" }, page: 1000 },
      },
    ];
    const list = (input: object) =>
      listRecords({
        ctx,
        input: { projectId: project.id, databaseId: database.id, pageSize: 50, ...input },
      });

    const totals = new Map<string, number>();
    for (let i = 0; i < WARMUP; i++)
      for (const s of shapes) totals.set(s.name, (await list(s.input)).total);
    const times = new Map<string, number[]>(shapes.map((s) => [s.name, []]));
    for (let i = 0; i < ROUNDS; i++) {
      for (const s of shapes) {
        const t = performance.now();
        await list(s.input);
        times.get(s.name)!.push(performance.now() - t);
      }
    }

    const all = [...times.values()].flat();
    console.log(
      `\nbench:records — ${label}, ${RECORDS.toLocaleString("en")} records in one database, ${ROUNDS} interleaved rounds, page size 50, ${os.cpus().length} cores`,
    );
    console.log(
      `seeded through the import service in ${(seedMs / 1000).toFixed(1)} s (${Math.round(RECORDS / (seedMs / 1000)).toLocaleString("en")} records/s)\n`,
    );
    console.log(
      `${"query (listRecords service: access check + page + total)".padEnd(58)}${"matches".padStart(9)}${"p50".padStart(10)}${"p95".padStart(10)}`,
    );
    for (const s of shapes) {
      const xs = times.get(s.name)!;
      console.log(
        `${s.name.padEnd(58)}${String(totals.get(s.name)).padStart(9)}${`${percentile(xs, 50).toFixed(1)} ms`.padStart(10)}${`${percentile(xs, 95).toFixed(1)} ms`.padStart(10)}`,
      );
    }
    const worst = Math.max(...shapes.map((s) => percentile(times.get(s.name)!, 95)));
    console.log(
      `\nall shapes: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms; worst shape p95 ${worst.toFixed(1)} ms (goal ≤ ${GOAL_P95_MS} ms: ${worst <= GOAL_P95_MS ? "met" : "missed"})`,
    );
  } finally {
    await handle.close();
    await dispose();
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
