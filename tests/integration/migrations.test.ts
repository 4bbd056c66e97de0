import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { MIGRATIONS_FOLDER } from "@/lib/db";
import { dbTest } from "../helpers/db";

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };

// Result shapes differ between drivers (postgres.js: array, PGlite: { rows }).
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

describe("migrations", () => {
  dbTest("every committed migration is applied", async ({ db }) => {
    const applied = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(applied[0]!.n).toBe(journal.entries.length);
  });

  dbTest("creates the foundation tables", async ({ db }) => {
    const tables = rowsOf<{ table_name: string }>(
      await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`),
    ).map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(["api_keys", "audit_log", "project_members", "projects", "users"]));
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
    expect(await attempt(sql`insert into users (email, password_hash) values ('Upper@Example.com', 'x')`)).toBe("23514");
    expect(await attempt(sql`insert into users (email, password_hash, role) values ('a@example.com', 'x', 'root')`)).toBe("23514");
    expect(await attempt(sql`insert into api_keys (user_id, name, prefix, key_hash) values (gen_random_uuid(), 'k', 'p', 'h')`)).toBe("23503");
    expect(await attempt(sql`insert into users (email, password_hash) values ('a@example.com', 'x')`)).toBe("ok");
  });
});
