import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.join(__dirname, "../../..");

export interface NextProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/**
 * Starts the built app through the server entry (`npm start`: dist/server.mjs) with its own
 * environment, in its own process group so stopping it stops everything it started. `args` go
 * to the entry after the port and host (e.g. `--dev`).
 */
export function startNext(
  port: number,
  env: Record<string, string>,
  args: string[] = [],
): NextProcess {
  const child = spawn(
    process.execPath,
    ["dist/server.mjs", "-p", String(port), "-H", "127.0.0.1", ...args],
    {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode !== null) return;
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return;
      }
      await exited;
    },
  };
}

/** Polls until the server answers on `path` (any status), or throws with its output. */
export async function waitForHttp(
  server: NextProcess,
  url: string,
  timeoutMs = 30_000,
): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null)
      throw new Error(`server exited (${server.child.exitCode}):\n${server.output()}`);
    try {
      return await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${server.output()}`);
}
