import "server-only";
import { setMaxListeners } from "node:events";
import { shutdownReason } from "./errors";
import type { Logger } from "./log";

type Hook = { name: string; run: () => Promise<void> | void };

const HOOK_TIMEOUT_MS = 10_000;
/** If Next.js never exits (e.g. NEXT_MANUAL_SIG_HANDLE), we do after this long. */
const FORCE_EXIT_MS = 30_000;

/**
 * Clean shutdown of what the composition root opened: each part registers a hook (close the
 * database pool or PGlite, flush the cost ledger, close the cache, the Redis client). Hooks run
 * once, later registrations first, so a part closes before the parts it depends on; a hook that
 * hangs cannot hold the others for more than HOOK_TIMEOUT_MS.
 */
export class Lifecycle {
  private readonly hooks: Hook[] = [];
  private running?: Promise<void>;
  private signalsInstalled = false;
  private readonly deadline = new AbortController();

  constructor(private readonly log: Logger) {
    // Every request in flight listens to `stopping` (lib/ai/stopping.ts), and removes itself.
    setMaxListeners(0, this.deadline.signal);
  }

  /**
   * Aborted (reason: `shutdownReason()`) when the server's drain deadline passes: long work still
   * running then (a stream, a provider call) ends itself with an explicit error and its ledger row.
   */
  get stopping(): AbortSignal {
    return this.deadline.signal;
  }

  /** The drain deadline has passed: ends what still listens to `stopping`. */
  stop(): void {
    if (!this.deadline.signal.aborted) this.deadline.abort(shutdownReason());
  }

  onShutdown(name: string, run: Hook["run"]): void {
    if (!this.hooks.some((h) => h.name === name)) this.hooks.push({ name, run });
  }

  /** Runs every hook once; later calls return the same promise. */
  shutdown(): Promise<void> {
    this.running ??= (async () => {
      for (const hook of [...this.hooks].reverse()) {
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            Promise.resolve(hook.run()),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error("timed out")), HOOK_TIMEOUT_MS);
              timer.unref();
            }),
          ]);
          this.log.info(
            { hook: hook.name, ms: Math.round(performance.now() - started) },
            "shutdown hook done",
          );
        } catch (err) {
          this.log.error({ hook: hook.name, err }, "shutdown hook failed");
        } finally {
          clearTimeout(timer);
        }
      }
    })();
    return this.running;
  }

  /**
   * Takes SIGTERM/SIGINT for the caller: true the first time. The server entry claims them
   * before Next.js starts (it drains and shuts down itself), so the fallback below stays off.
   */
  claimSignals(): boolean {
    if (this.signalsInstalled) return false;
    this.signalsInstalled = true;
    return true;
  }

  /**
   * Only under plain `next start` (no server entry): on SIGTERM/SIGINT Next.js stops accepting connections, lets in-flight requests finish, then
   * calls process.exit. That exit is held until the hooks have run, so nothing is cut off
   * mid-write.
   */
  installSignalHandlers(): void {
    if (!this.claimSignals()) return;
    const realExit = process.exit.bind(process);
    const onSignal = (signal: NodeJS.Signals) => {
      this.log.info({ signal }, "shutting down: finishing in-flight requests");
      process.exit = ((code?: number) => {
        void this.shutdown().finally(() => realExit(code));
      }) as typeof process.exit;
      setTimeout(() => void this.shutdown().finally(() => realExit(0)), FORCE_EXIT_MS).unref();
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
}
