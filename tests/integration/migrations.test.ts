import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, queryRows } from "@/lib/db";
import { dbTest } from "../helpers/db";

const journal = JSON.parse(
  readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
) as { entries: { tag: string }[] };

/**
 * A fresh embedded database migrated up to, not including, migration `tag` (the migrations folder
 * as it was before it), to upgrade one that already holds data.
 */
async function databaseBefore(tag: string) {
  const { cpSync, mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const os = await import("node:os");
  const { openPglite } = await import("@/db/client");
  const dir = mkdtempSync(path.join(os.tmpdir(), "aios-migrations-"));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const upTo = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  writeFileSync(
    path.join(dir, "meta/_journal.json"),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }),
  );
  const handle = await openPglite({});
  await handle.migrate(dir);
  return {
    handle,
    q: async <T>(text: string) => (await handle.client.query<T>(text)).rows,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("migrations", () => {
  dbTest("every committed migration is applied", async ({ db }) => {
    const applied = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]!.n).toBe(journal.entries.length);
  });

  dbTest("creates the foundation tables", async ({ db }) => {
    const tables = (
      await queryRows<{ table_name: string }>(
        db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      )
    ).map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining(["api_keys", "audit_log", "project_members", "projects", "users"]),
    );
  });

  dbTest("the schema's constraints hold on this server", async ({ db }) => {
    const attempt = async (statement: ReturnType<typeof sql>) => {
      await db.execute(sql`savepoint attempt`);
      try {
        await db.execute(statement);
        return "ok";
      } catch (err) {
        return String((err as { cause?: { code?: string } }).cause?.code ?? err);
      } finally {
        await db.execute(sql`rollback to savepoint attempt`);
      }
    };
    expect(
      await attempt(
        sql`insert into users (email, password_hash) values ('Upper@Example.com', 'x')`,
      ),
    ).toBe("23514");
    expect(
      await attempt(
        sql`insert into users (email, password_hash, role) values ('a@example.com', 'x', 'root')`,
      ),
    ).toBe("23514");
    expect(
      await attempt(
        sql`insert into api_keys (user_id, name, prefix, key_hash) values (gen_random_uuid(), 'k', 'p', 'h')`,
      ),
    ).toBe("23503");
    expect(
      await attempt(sql`insert into users (email, password_hash) values ('a@example.com', 'x')`),
    ).toBe("ok");
  });
});

describe("migration 0005 on a database that already has records", () => {
  it("numbers existing records in creation order, indexes their values, and new records continue after them", async () => {
    const { handle, q, close } = await databaseBefore("0005");
    try {
      await q(
        `insert into users (id, email, password_hash) values ('00000000-0000-4000-8000-000000000001', 'a@example.com', 'x')`,
      );
      await q(
        `insert into projects (id, name, created_by) values ('00000000-0000-4000-8000-000000000002', 'P', '00000000-0000-4000-8000-000000000001')`,
      );
      await q(
        `insert into project_databases (id, project_id, name, fields) values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'D', '[{"id":"f_a","name":"A","type":"number","required":false,"unique":false}]')`,
      );
      for (const [n, at] of [
        [1, "2026-01-01"],
        [2, "2026-01-02"],
        [3, "2026-01-03"],
      ] as const) {
        await q(
          `insert into database_records (database_id, data, created_at) values ('00000000-0000-4000-8000-000000000003', '{"f_a": ${n}}', '${at}')`,
        );
      }
      await q(`update database_records set data = '{"f_a": 10}' where data = '{"f_a": 1}'`); // its row moves to the end of the table
      await handle.migrate(MIGRATIONS_FOLDER);
      expect(
        await q<{ a: number; seq: number }>(
          `select (data->>'f_a')::int as a, seq::int from database_records order by seq`,
        ),
      ).toEqual([
        { a: 10, seq: 1 },
        { a: 2, seq: 2 },
        { a: 3, seq: 3 },
      ]);
      expect(
        await q<{ n: number }>(
          `select count(*)::int as n from database_record_values where num is not null`,
        ),
      ).toEqual([{ n: 3 }]);
      await q(
        `insert into database_records (database_id, data) values ('00000000-0000-4000-8000-000000000003', '{"f_a": 4}')`,
      );
      expect(
        await q<{ seq: number }>(`select seq::int from database_records where data = '{"f_a": 4}'`),
      ).toEqual([{ seq: 4 }]);
      // A record never moves between databases (its index rows belong to the first one's fields).
      await q(
        `insert into project_databases (id, project_id, name) values ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002', 'E')`,
      );
      const moved = await handle.client
        .query(
          `update database_records set database_id = '00000000-0000-4000-8000-000000000004' where seq = 4`,
        )
        .catch((e: Error) => e);
      expect(String(moved)).toMatch(/a record cannot move to another database/);
    } finally {
      await close();
    }
  });
});

describe("migration 0006 on a database that already has ledger rows", () => {
  it("gives old rows a source (api with a key, chat without), then requires and checks it", async () => {
    const { handle, q, close } = await databaseBefore("0006");
    try {
      await q(
        `insert into users (id, email, password_hash) values ('00000000-0000-4000-8000-000000000001', 'a@example.com', 'x')`,
      );
      await q(
        `insert into api_keys (id, user_id, name, prefix, key_hash) values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'k', 'aios_x', 'h')`,
      );
      await q(
        `insert into ai_requests (user_id, api_key_id, task_type, latency_ms, status) values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'code', 1, 'ok')`,
      );
      await q(
        `insert into ai_requests (user_id, task_type, latency_ms, status) values ('00000000-0000-4000-8000-000000000001', 'chat', 2, 'ok')`,
      );
      await handle.migrate(MIGRATIONS_FOLDER);
      expect(
        await q<{ task_type: string; source: string }>(
          `select task_type, source from ai_requests order by latency_ms`,
        ),
      ).toEqual([
        { task_type: "code", source: "api" },
        { task_type: "chat", source: "chat" },
      ]);
      const refused = async (text: string) =>
        String(
          ((await handle.client.query(text).catch((e: unknown) => e)) as { code?: string }).code,
        );
      expect(
        await refused(
          `insert into ai_requests (task_type, latency_ms, status) values ('chat', 1, 'ok')`,
        ),
      ).toBe("23502");
      expect(
        await refused(
          `insert into ai_requests (task_type, latency_ms, status, source) values ('chat', 1, 'ok', 'cron')`,
        ),
      ).toBe("23514");
    } finally {
      await close();
    }
  });
});
