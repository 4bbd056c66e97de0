// npm run db:migrate   Applies the committed migrations in drizzle/ to the configured database:
// PostgreSQL when DATABASE_URL is set, else the embedded database under DATA_DIR (which also
// migrates itself when the app opens it).
import "./load-env-files";
import { readFileSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_FOLDER, openDatabase } from "../lib/db";
import { createLogger } from "../lib/log";
import { loadConfigOrExit } from "../lib/startup";

async function main(): Promise<void> {
  const env = loadConfigOrExit();
  const journal = JSON.parse(
    readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
  ) as { entries: unknown[] };
  const target = env.databaseUrl
    ? `PostgreSQL at ${new URL(env.databaseUrl).host}${new URL(env.databaseUrl).pathname}`
    : `embedded database in ${path.join(env.dataDir, "pg")}`;
  const started = Date.now();
  // No statement timeout: building an index on a large table may take longer than any request.
  const unlimited = { ...env, db: { ...env.db, statementTimeoutSeconds: 0 } };
  const handle = await openDatabase(unlimited, createLogger(env.logLevel));
  try {
    await handle.migrate(MIGRATIONS_FOLDER);
  } finally {
    await handle.close();
  }
  console.log(
    `Migrations up to date on ${target}: ${journal.entries.length} migration(s) in drizzle/, ${Date.now() - started} ms.`,
  );
}

main().catch((err: unknown) => {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
