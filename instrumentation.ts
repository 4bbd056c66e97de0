// Next.js calls register() once per server process at start-up.
// NEXT_RUNTIME is a build-time constant (not configuration), read here so that Node-only start-up
// code is never bundled for another runtime.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/startup");
  await startServer();
}
