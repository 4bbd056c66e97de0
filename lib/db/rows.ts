import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Runs a raw query and returns its rows on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
