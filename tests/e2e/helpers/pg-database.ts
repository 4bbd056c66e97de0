import { spawnSync } from "node:child_process";
import path from "node:path";
import postgres from "postgres";

const ROOT = path.join(__dirname, "../../..");
const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface ThrowawayDatabase {
  url: string;
  /** A client on it for the test's own checks (closed by `drop`). */
  sql: postgres.Sql;
  drop(): Promise<void>;
}

/**
 * A fresh PostgreSQL database for one run, migrated with `npm run db:migrate` exactly as an
 * operator would (the app never migrates PostgreSQL itself), dropped again with `drop()`.
 */
export async function createThrowawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    await sql.end({ timeout: 5 }).catch(() => {});
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end({ timeout: 5 });
  };
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  const migrate = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/migrate.ts"],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: "warn" },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  if (migrate.status !== 0) {
    await drop();
    throw new Error(`migration failed (${migrate.status}):\n${migrate.stdout}${migrate.stderr}`);
  }
  return { url: url.toString(), sql, drop };
}
