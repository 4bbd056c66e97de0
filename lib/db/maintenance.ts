import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { logger } from "../log";

/**
 * The embedded database (PGlite) runs no autovacuum worker, so without this its planner would
 * never get statistics and its tables would keep every dead row. This applies autovacuum's own
 * default thresholds to the counters in pg_stat_user_tables and runs VACUUM (ANALYZE) on the
 * tables past them. VACUUM also sets the visibility map, which lets counts and the record value
 * index be answered from the index alone. (PostgreSQL servers do all this themselves.)
 */
export async function runEmbeddedMaintenance(db: Db): Promise<string[]> {
  const due = await db.execute(sql`
    select relname from pg_stat_user_tables
    where n_dead_tup > 50 + 0.2 * n_live_tup
       or n_mod_since_analyze > 50 + 0.1 * n_live_tup
       or n_ins_since_vacuum > 1000 + 0.2 * n_live_tup
    order by relname`);
  // postgres.js returns the rows as an array, PGlite as { rows }.
  const result = due as unknown as { relname: string }[] | { rows: { relname: string }[] };
  const tables = (Array.isArray(result) ? result : result.rows).map((r) => r.relname);
  for (const table of tables) await db.execute(sql`vacuum (analyze) ${sql.identifier(table)}`);
  return tables;
}

/** Runs the maintenance every `intervalMs` until stopped; a run never overlaps the previous one. */
export function startEmbeddedMaintenance(db: Db, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const started = performance.now();
        const tables = await runEmbeddedMaintenance(db);
        if (tables.length) logger().info({ tables, ms: Math.round(performance.now() - started) }, "embedded database: vacuum (analyze)");
      } catch (err) {
        logger().warn({ err }, "embedded database maintenance failed");
      }
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
