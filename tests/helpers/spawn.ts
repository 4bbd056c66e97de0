import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.join(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry the way npm scripts do (tsx, react-server condition) and collects output. */
export function runTs(
  file: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<Finished> {
  const child = startTs(file, args, env);
  return finished(child);
}

export function startTs(
  file: string,
  args: string[],
  env: Record<string, string | undefined>,
): ChildProcess {
  return spawn(TSX, ["--conditions=react-server", path.join(ROOT, file), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with the first stdout line matching `re` (rejects if the process ends first). */
export function waitForLine(child: ChildProcess, re: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    let stderr = "";
    child.stderr?.on("data", (d) => (stderr += d));
    child.stdout?.on("data", (d) => {
      buffer += d;
      const m = buffer.match(re);
      if (m) resolve(m);
    });
    child.on("close", (code) => reject(new Error(`exited with ${code} before ${re}: ${stderr}`)));
  });
}
