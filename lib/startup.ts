import "server-only";
import { closeDatabase, warmUpDatabase } from "./db";
import { ConfigError, getEnv, isBuildPhase, resolveSecretKey, type Env } from "./env";
import { installShutdownHandlers, onShutdown } from "./lifecycle";
import { logger } from "./log";

/**
 * Validates the configuration or stops the process. Prints every problem with the variable's name
 * and its fix, then exits non-zero, so a weak production secret can never serve a request.
 */
export function loadConfigOrExit(exit: (code: number) => never = process.exit): Env {
  try {
    const env = getEnv();
    for (const warning of env.warnings) console.warn(`[config] ${warning}`);
    return env;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`\n${err.message}\n`);
    return exit(1);
  }
}

/** Runs once when the Node.js server starts (instrumentation.ts). */
export async function startServer(): Promise<void> {
  if (isBuildPhase()) return;
  const env = loadConfigOrExit();
  resolveSecretKey(env); // outside production: create the development key now, with its warning
  const log = logger();
  installShutdownHandlers();
  onShutdown("database", closeDatabase);
  try {
    const db = await warmUpDatabase(env);
    log.info({ driver: db.driver, environment: env.environment }, "database ready");
  } catch (err) {
    if (err instanceof Error && err.name === "EmbeddedDatabaseLockedError") {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    // A PostgreSQL server that is down at boot is not fatal: the pool reconnects and health says 503.
    log.error({ err }, "database not reachable at start-up; serving with health 503 until it is");
  }
}
