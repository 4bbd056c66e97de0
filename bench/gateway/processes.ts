// bench:gateway's processes: the fake providers, the built server, the database it runs on,
// and what /proc says about a process (which one listens on a port, its CPU time and memory).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

export const ROOT = path.join(import.meta.dirname, "../..");

/** A process in its own group (stopping it stops whatever it started); stderr shown. */
export function startProcess(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdout: "pipe" | "ignore" = "ignore",
): ChildProcess {
  return spawn(cmd, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", stdout, "inherit"] });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    return Promise.resolve();
  }
  return exited;
}

/**
 * scripts/fake-provider.ts (tests/helpers/fake-provider.ts as a process) on a free port: its
 * own event loop, so that the bench's client and the provider do not wait on each other.
 */
export async function startProvider(
  latencyMs: number,
): Promise<{ url: string; child: ChildProcess }> {
  const child = startProcess(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["scripts/fake-provider.ts", "--port", "0", "--latency", String(latencyMs)],
    process.env,
    "pipe", // its first line is its address
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`fake provider exited (${code})`)));
  });
  return { url, child };
}

export async function waitFor(url: string, server: ChildProcess, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * PGlite in the server's DATA_DIR, or with DATABASE_URL a throwaway PostgreSQL database on that
 * server (created, migrated with `npm run db:migrate`, dropped by `dispose`).
 */
export async function database(): Promise<{
  env: Record<string, string>;
  label: string;
  dispose: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: {}, label: "PGlite (embedded)", dispose: async () => {} };
  const name = `aios_bench_gw_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const version = (await admin`show server_version`)[0]!.server_version as string;
  const dispose = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    execFileSync("npm", ["run", "--silent", "db:migrate"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: target.toString() },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (err) {
    await dispose();
    throw err;
  }
  return { env: { DATABASE_URL: target.toString() }, label: `PostgreSQL ${version}`, dispose };
}

/**
 * The pid of the process that owns the listening socket on `port` (the one actually serving,
 * whatever wrapper started it: tsx runs its script in a child), found through /proc.
 */
export function listeningPid(port: number): number {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(hex) && f[3] === "0A") inodes.add(f[9]!); // 0A: LISTEN
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
        if (m && inodes.has(m[1]!)) return Number(pid);
      }
    } catch {
      /* gone, or not ours to read */
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** CPU time (user + system, every thread) the process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) / CLOCK_TICKS) * 1000; // utime, stime
}

/** Resident memory (VmRSS) in MB. */
export const rssMb = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1]) / 1024;
