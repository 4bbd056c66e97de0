// The server entry of `npm start` and `npm run dev` (bundled to dist/server.mjs by
// scripts/build-server.mjs). Flags as for `next start`: -p/--port, -H/--hostname; --dev for
// development (Next.js dev mode with HMR). PORT is read when no -p is given; the address is
// all interfaces unless -H says otherwise (HOSTNAME is not read: Docker sets it to the container id).
const args = process.argv.slice(2);
const flag = (...names: string[]) => {
  const i = args.findIndex((a) => names.includes(a));
  return i === -1 ? undefined : args[i + 1];
};
const dev = args.includes("--dev");
// Next.js and the app read NODE_ENV when their modules load: set it before importing them.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";

// The .env files Next.js would load, in its order (the first file and the shell win), before the
// configuration is validated: the services are built before Next.js starts.
for (const file of [
  `.env.${process.env.NODE_ENV}.local`,
  ".env.local",
  `.env.${process.env.NODE_ENV}`,
  ".env",
]) {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

const port = Number(flag("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = flag("-H", "--hostname") ?? "0.0.0.0";

void import("./lib/server/main")
  .then(({ main }) => main({ dev, port, hostname }))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
