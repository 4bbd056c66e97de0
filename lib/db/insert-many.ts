import { getTableColumns, is, Param, Placeholder, SQL } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";

/**
 * A multi-row INSERT without drizzle's query builder: exactly the statement
 * `db.insert(table).values(rows)` sends (same text, same parameters, DEFAULT where a row leaves
 * a column out), built in a plain loop. drizzle spends ≈ 10 µs per value building it (a ledger
 * batch of 200 rows × 21 columns: ≈ 40 ms of the event loop); this, well under 1 µs.
 *
 * Only for plain values: a row holding an SQL expression, a placeholder, or a column whose
 * default or driver mapping is an SQL expression gets `undefined`, and the caller uses drizzle.
 */
export function insertStatement(
  table: PgTable,
  rows: Record<string, unknown>[],
): { sql: string; params: unknown[] } | undefined {
  if (rows.length === 0) return undefined;
  const { name, schema } = getTableConfig(table);
  // As drizzle: generated columns are left out (`shouldDisableInsert` is not in its types).
  const columns = Object.entries(getTableColumns(table)).filter(
    ([, c]) => !(c as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert(),
  );
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  const params: unknown[] = [];
  const param = (column: (typeof columns)[number][1], value: unknown): string | undefined => {
    if (is(value, SQL) || is(value, Param) || is(value, Placeholder)) return undefined;
    const mapped = value === null ? null : column.mapToDriverValue(value);
    if (is(mapped, SQL)) return undefined;
    params.push(mapped);
    return `$${params.length}`;
  };
  const tuples: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    for (const [key, column] of columns) {
      const value = row[key];
      let cell: string | undefined;
      // As drizzle: a missing value takes the column's $defaultFn, else its $onUpdateFn (when it
      // has no SQL default), else DEFAULT.
      if (value !== undefined) cell = param(column, value);
      else if (column.defaultFn !== undefined) cell = param(column, column.defaultFn());
      else if (!column.default && column.onUpdateFn !== undefined)
        cell = param(column, column.onUpdateFn());
      else cell = "default";
      if (cell === undefined) return undefined;
      cells.push(cell);
    }
    tuples.push(`(${cells.join(", ")})`);
  }
  const target = schema === undefined ? q(name) : `${q(schema)}.${q(name)}`;
  const order = columns.map(([, c]) => q(c.name)).join(", ");
  return { sql: `insert into ${target} (${order}) values ${tuples.join(", ")}`, params };
}

export interface InsertManyOptions {
  /** `on conflict do nothing`: a row already there (a retried write that did commit) is skipped. */
  skipExisting?: boolean;
}

/** The driver's client a drizzle database or transaction runs its queries on (`db.session.client`). */
type RawClient =
  | {
      unsafe: (sql: string, params: never[], o: { prepare: boolean }) => PromiseLike<unknown>;
    }
  | { query: (sql: string, params: unknown[]) => Promise<unknown>; exec: unknown };

/**
 * `db.insert(table).values(rows)`, with the statement from `insertStatement` sent to the client
 * drizzle itself would send it to, as drizzle sends it (postgres.js `unsafe`, not prepared;
 * PGlite `query`): the database, or the transaction `db` is. drizzle builds it when
 * `insertStatement` cannot.
 */
export async function insertMany(
  db: Db,
  table: PgTable,
  rows: Record<string, unknown>[],
  opts: InsertManyOptions = {},
): Promise<void> {
  const client = (db as unknown as { session?: { client?: RawClient } }).session?.client;
  const statement = client ? insertStatement(table, rows) : undefined;
  if (statement && opts.skipExisting) statement.sql += " on conflict do nothing";
  if (statement && client && "unsafe" in client && typeof client.unsafe === "function")
    await client.unsafe(statement.sql, statement.params as never[], { prepare: false });
  else if (statement && client && "query" in client && typeof client.exec === "function")
    await client.query(statement.sql, statement.params);
  else if (opts.skipExisting) await db.insert(table).values(rows).onConflictDoNothing();
  else await db.insert(table).values(rows);
}
