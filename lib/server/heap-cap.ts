import { spawn } from "node:child_process";
import os from "node:os";
import { heapCapOf, nodeFlags, parseHeapLimitMb } from "../config/heap";

/**
 * The server entry's heap cap. V8 only reads `--max-old-space-size` when the process starts,
 * so the entry, started without one, starts itself again with it (HEAP_LIMIT_MB, default 384)
 * and stays as a small supervisor: it passes signals on and exits as the server did. Without
 * a cap, V8 on a large machine lets the heap grow toward 4 GB before collecting in earnest (RSS
 * 173 MB → 1.0 GB under sustained load, issue 14), which a container's memory limit kills.
 */

/** Set on the server process the supervisor starts: the cap it was given, in MB. */
export const APPLIED_VAR = "AIOS_HEAP_LIMIT_APPLIED";
/** Set on it too: the supervisor's pid, which the server watches. */
const SUPERVISOR_VAR = "AIOS_SUPERVISOR_PID";

const INSPECT =
  /^--(inspect|inspect-brk|inspect-wait|require|import|loader|experimental-loader)(=|$)/;
const INSPECT_WARNING =
  "HEAP_LIMIT_MB is not applied while node runs with --inspect, --require, --import or --loader: pass --max-old-space-size yourself.";

export type HeapPlan =
  | { kind: "run"; warning?: string } // cap applied already, given by the operator's flag, or none wanted
  | { kind: "relaunch"; mb: number }
  | { kind: "invalid"; message: string };

/** Whether this process must start the server again with a heap cap, from its env and flags. */
export function heapPlan(
  env: Record<string, string | undefined>,
  execArgv: readonly string[],
  dev: boolean,
): HeapPlan {
  if (dev || env[APPLIED_VAR]) return { kind: "run" };
  // The operator's own flag (on the command line or in NODE_OPTIONS) wins.
  if (heapCapOf(execArgv, env.NODE_OPTIONS) !== null) return { kind: "run" };
  // A debugger or a preload (an APM agent) would attach to the supervisor, and the server's
  // own --inspect would find its port taken: the operator sets the cap with the flag instead.
  if (nodeFlags(execArgv, env.NODE_OPTIONS).some((a) => INSPECT.test(a)))
    return { kind: "run", warning: INSPECT_WARNING };
  const mb = parseHeapLimitMb(env.HEAP_LIMIT_MB);
  if (typeof mb !== "number") return { kind: "invalid", message: `HEAP_LIMIT_MB ${mb.error}.` };
  return mb === 0 ? { kind: "run" } : { kind: "relaunch", mb };
}

const FORWARDED = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

/**
 * Starts this entry again with `--max-old-space-size=mb` and supervises it: every signal this
 * process gets goes to the server once (it runs in its own process group, so a terminal's
 * Ctrl-C or a `kill` of this group reaches it only through here), and this process exits with
 * the server's exit code, or by the signal that ended it.
 */
export function relaunchWithHeapCap(mb: number, env: NodeJS.ProcessEnv): void {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${mb}`, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)],
    {
      stdio: "inherit",
      detached: true,
      env: { ...env, [APPLIED_VAR]: String(mb), [SUPERVISOR_VAR]: String(process.pid) },
    },
  );
  for (const signal of FORWARDED) process.on(signal, () => child.kill(signal));
  child.once("error", (err) => {
    console.error(`Could not start the server with a heap cap: ${err.message}`);
    process.exit(1);
  });
  child.once("exit", (code, signal) => {
    if (!signal) return process.exit(code ?? 1);
    // Ended by a signal (SIGABRT: V8 at the heap cap, SIGKILL: the OOM killer): end the same
    // way, or, as PID 1 (Docker), where a signal without a handler is ignored, with 128 + n.
    for (const s of FORWARDED) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    setImmediate(() => process.exit(128 + (os.constants.signals[signal] ?? 0)));
  });
}

/**
 * In the supervised server: if the supervisor goes away without passing a signal on (killed
 * with SIGKILL), shut down as on SIGTERM instead of running on, orphaned, holding the port.
 */
export function watchSupervisor(env: NodeJS.ProcessEnv): void {
  const supervisor = Number(env[SUPERVISOR_VAR]);
  // Read: not for what this process starts (a child with APPLIED set would skip its own cap).
  delete env[SUPERVISOR_VAR];
  delete env[APPLIED_VAR];
  if (!supervisor) return;
  const timer = setInterval(() => {
    if (process.ppid === supervisor) return;
    clearInterval(timer);
    process.kill(process.pid, "SIGTERM");
  }, 1_000);
  timer.unref();
}
