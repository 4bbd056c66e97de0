import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Logger } from "../log";
import { queryRows } from "./rows";

/**
 * The embedded database (PGlite) runs no autovacuum worker, so without this its planner would
 * never get statistics and its tables would keep every dead row. This applies autovacuum's own
 * default thresholds to the counters in pg_stat_user_tables and runs VACUUM (ANALYZE) on the
 * tables past them. VACUUM also sets the visibility map, which lets counts and the record value
 * index be answered from the index alone. (PostgreSQL servers do all this themselves.)
 */
export async function runEmbeddedMaintenance(db: Db, log: Logger): Promise<string[]> {
  const due = await queryRows<Table>(
    db,
    sql`
    select schemaname, relname from pg_stat_user_tables
    where n_dead_tup > 50 + 0.2 * n_live_tup
       or n_mod_since_analyze > 50 + 0.1 * n_live_tup
       or n_ins_since_vacuum > 1000 + 0.2 * n_live_tup
    order by schemaname, relname`,
  );
  const done: string[] = [];
  // One table failing (dropped meanwhile, …) does not keep the others from being maintained.
  for (const t of due) {
    const name = t.schemaname === "public" ? t.relname : `${t.schemaname}.${t.relname}`;
    try {
      await db.execute(
        sql`vacuum (analyze) ${sql.identifier(t.schemaname)}.${sql.identifier(t.relname)}`,
      );
      done.push(name);
    } catch (err) {
      log.warn({ err, table: name }, "embedded database: vacuum failed");
    }
  }
  return done;
}

interface Table {
  schemaname: string;
  relname: string;
}

/** Runs the maintenance every `intervalMs` until stopped; a run never overlaps the previous one. */
export function startEmbeddedMaintenance(
  db: Db,
  log: Logger,
  intervalMs = 60_000,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const started = performance.now();
        const tables = await runEmbeddedMaintenance(db, log);
        if (tables.length)
          log.info(
            { tables, ms: Math.round(performance.now() - started) },
            "embedded database: vacuum (analyze)",
          );
      } catch (err) {
        log.warn({ err }, "embedded database maintenance failed");
      }
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
