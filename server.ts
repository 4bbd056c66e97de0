// The server entry of `npm start` and `npm run dev` (bundled to dist/server.mjs by
// scripts/build-server.mjs). Flags as for `next start`: -p/--port, -H/--hostname; --dev for
// development (Next.js dev mode with HMR). Without -p the port is PORT, validated with the rest
// of the configuration (lib/env.ts); the address is all interfaces unless -H says otherwise
// (HOSTNAME is not read: Docker sets it to the container id). NODE_ENV and the .env files are
// set up here because everything after, lib/env.ts included, reads them as it loads.
import { heapPlan, relaunchWithHeapCap, watchSupervisor } from "./lib/server/heap-cap";

const args = process.argv.slice(2);
const flag = (...names: string[]) => {
  const i = args.findIndex((a) => names.includes(a));
  return i === -1 ? undefined : args[i + 1];
};
const dev = args.includes("--dev");
const mode = dev ? "development" : "production";
// Next.js and the app read NODE_ENV when their modules load: set it before importing them.
(process.env as Record<string, string>).NODE_ENV = mode;
// Tells the configuration (and start-up's checks) that requests arrive through this entry.
process.env.AIOS_SERVER_ENTRY = "1";

// The .env files Next.js would load, in its order (the first file and the shell win), before the
// configuration is validated: the services are built before Next.js starts.
for (const file of [`.env.${mode}.local`, ".env.local", `.env.${mode}`, ".env"]) {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

const portFlag = flag("-p", "--port");
const port = portFlag === undefined ? undefined : Number(portFlag);
if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65_535)) {
  console.error(`-p/--port must be a port number (1-65535), not "${portFlag}".`);
  process.exit(1);
}
const hostname = flag("-H", "--hostname") ?? "0.0.0.0";

// The heap cap (HEAP_LIMIT_MB) is a V8 start-up flag: without it this process starts the server
// again with it and supervises it (lib/server/heap-cap.ts).
const heap = heapPlan(process.env, process.execArgv, dev);
if (heap.kind === "invalid") {
  console.error(heap.message);
  process.exit(1);
} else if (heap.kind === "relaunch") {
  relaunchWithHeapCap(heap.mb, process.env);
} else {
  if (heap.warning) console.warn(heap.warning);
  watchSupervisor(process.env);
  void import("./lib/server/main")
    .then(({ main }) => main({ dev, port, hostname }))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
