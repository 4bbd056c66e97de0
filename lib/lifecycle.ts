import "server-only";
import { logger } from "./log";

/**
 * Clean shutdown. On SIGTERM/SIGINT Next.js stops accepting connections, lets in-flight requests
 * finish, then calls process.exit. We hold that exit until the registered hooks (close the
 * database pool or PGlite, later: flush the cost ledger, close the cache) have run, so nothing
 * is cut off mid-write. A hook that hangs cannot block the exit for more than HOOK_TIMEOUT_MS.
 */

type Hook = { name: string; run: () => Promise<void> | void };

interface LifecycleState {
  hooks: Hook[];
  installed: boolean;
  running?: Promise<void>;
}
const state: LifecycleState = ((
  globalThis as { __aiosLifecycle?: LifecycleState }
).__aiosLifecycle ??= { hooks: [], installed: false });

const HOOK_TIMEOUT_MS = 10_000;
/** If Next.js never exits (e.g. NEXT_MANUAL_SIG_HANDLE), we do after this long. */
const FORCE_EXIT_MS = 30_000;

export function onShutdown(name: string, run: Hook["run"]): void {
  if (!state.hooks.some((h) => h.name === name)) state.hooks.push({ name, run });
}

/** Runs every hook once (later registrations first), each bounded by a timeout. */
export function runShutdownHooks(): Promise<void> {
  state.running ??= (async () => {
    for (const hook of [...state.hooks].reverse()) {
      const started = Date.now();
      try {
        await Promise.race([
          Promise.resolve(hook.run()),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error("timed out")), HOOK_TIMEOUT_MS).unref(),
          ),
        ]);
        logger().info({ hook: hook.name, ms: Date.now() - started }, "shutdown hook done");
      } catch (err) {
        logger().error({ hook: hook.name, err }, "shutdown hook failed");
      }
    }
  })();
  return state.running;
}

export function installShutdownHandlers(): void {
  if (state.installed) return;
  state.installed = true;
  const realExit = process.exit.bind(process);
  const onSignal = (signal: NodeJS.Signals) => {
    logger().info({ signal }, "shutting down: finishing in-flight requests");
    process.exit = ((code?: number) => {
      void runShutdownHooks().finally(() => realExit(code));
    }) as typeof process.exit;
    setTimeout(() => void runShutdownHooks().finally(() => realExit(0)), FORCE_EXIT_MS).unref();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
