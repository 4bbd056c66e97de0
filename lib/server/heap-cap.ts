import { spawn } from "node:child_process";
import { heapCapOf } from "../config/heap";
import { EnvSchema } from "../config/schema";

/**
 * The server entry's heap cap. V8 only reads `--max-old-space-size` when the process starts,
 * so the entry, started without one, starts itself again with it (HEAP_LIMIT_MB, default 256)
 * and stays as a small supervisor: it passes signals on and exits as the server did. Without
 * a cap, V8 on a large machine lets the heap grow toward 4 GB before collecting in earnest (RSS
 * 173 MB → 1.0 GB under sustained load, issue 14), which a container's memory limit kills.
 */

/** Set on the server process the supervisor starts: the cap it was given, in MB. */
export const APPLIED_VAR = "AIOS_HEAP_LIMIT_APPLIED";
/** Set on it too: the supervisor's pid, which the server watches. */
const SUPERVISOR_VAR = "AIOS_SUPERVISOR_PID";

export type HeapPlan =
  | { kind: "run" } // cap applied already, given by the operator's own flag, or none wanted
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
  const parsed = EnvSchema.shape.HEAP_LIMIT_MB.safeParse(env.HEAP_LIMIT_MB);
  if (!parsed.success)
    return { kind: "invalid", message: `HEAP_LIMIT_MB ${parsed.error.issues[0]!.message}.` };
  return parsed.data === 0 ? { kind: "run" } : { kind: "relaunch", mb: parsed.data };
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
    if (signal) {
      for (const s of FORWARDED) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}

/**
 * In the supervised server: if the supervisor goes away without passing a signal on (killed
 * with SIGKILL), shut down as on SIGTERM instead of running on, orphaned, holding the port.
 */
export function watchSupervisor(env: NodeJS.ProcessEnv): void {
  const supervisor = Number(env[SUPERVISOR_VAR]);
  if (!supervisor) return;
  const timer = setInterval(() => {
    if (process.ppid === supervisor) return;
    clearInterval(timer);
    process.kill(process.pid, "SIGTERM");
  }, 1_000);
  timer.unref();
}
