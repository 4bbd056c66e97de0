import "server-only";
import { warmUpDatabase } from "./db";
import { ConfigError, isBuildPhase, loadEnv, type Env } from "./env";
import { getServices } from "./services";

/**
 * Validates the configuration or stops the process. Prints every problem with the variable's name
 * and its fix, then exits non-zero, so a weak production secret can never serve a request.
 */
export function loadConfigOrExit(exit: (code: number) => never = process.exit): Env {
  try {
    const env = loadEnv();
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
  // Builds the composition root now: outside production this also creates the development key,
  // with its warning, before the first request.
  const services = getServices(env);
  services.lifecycle.installSignalHandlers();
  if (env.isProduction && env.runtime === "next") {
    // Only the server entry knows the socket's address and strips forged forwarding headers.
    const message =
      "Production under plain `next start`: the client address comes from X-Forwarded-For, which any client can forge (per-IP limits can be dodged), and Next.js's own answers carry no security headers. Start with `npm start` (node dist/server.mjs).";
    console.warn(`[config] ${message}`);
    services.log.warn(message);
  }
  try {
    const db = await warmUpDatabase(services.database, services.env);
    services.log.info(
      { driver: db.driver, environment: services.env.environment },
      "database ready",
    );
    // Plain `next start` has no server entry to start the workflow worker; Vercel has no
    // long-lived process at all (GET /api/workflows/cron advances runs there).
    if (services.env.runtime === "next" && services.env.workflows.worker)
      void services.workflows
        .startWorker({ embedded: db.driver === "pglite" })
        .catch((err: unknown) => services.log.error({ err }, "the workflow worker did not start"));
  } catch (err) {
    if (err instanceof Error && err.name === "EmbeddedDatabaseLockedError") {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    // A PostgreSQL server that is down at boot is not fatal: the pool reconnects and health says 503.
    services.log.error(
      { err },
      "database not reachable at start-up; serving with health 503 until it is",
    );
  }
}
