import http from "node:http";
import next from "next";
import { warmUpDatabase } from "../db";
import { getServices } from "../services";
import { loadConfigOrExit } from "../startup";
import { createGateway } from "./gateway";

/** The exit code when the drain deadline passed with requests still in flight. */
export const EXIT_DRAIN_FORCED = 75; // EX_TEMPFAIL: not a crash; systemd: SuccessExitStatus=75

export interface ServerOptions {
  dev: boolean;
  /** The -p/--port flag; PORT from the configuration otherwise. */
  port: number | undefined;
  hostname: string;
}

/**
 * The one server process: a Node HTTP server that answers the gateway paths itself (the OpenAI-
 * compatible API, later /api/mcp) and hands every other request to Next.js's request handler
 * (pages, the rest of the API, dev mode with HMR). It builds the services before Next.js starts
 * (Next's own modules find the same ones), and owns shutdown: on SIGTERM it stops accepting,
 * lets requests and streams finish for SHUTDOWN_DRAIN_SECONDS, ends what is still open with an
 * error (and its ledger row), then runs the shutdown hooks (ledger flush or spill, caches,
 * database) and exits: 0 after a clean drain, EXIT_DRAIN_FORCED when the deadline cut requests.
 */
export async function main({ dev, port: portFlag, hostname }: ServerOptions): Promise<void> {
  const env = loadConfigOrExit();
  const port = portFlag ?? env.port;
  const services = getServices(env);
  services.lifecycle.claimSignals();
  // Ledger rows a previous run could not write (its database was away): queued again, once each.
  const restored = services.ai.ledger.restoreSpilled();
  if (restored)
    services.log.warn({ rows: restored }, "replaying cost ledger rows from the spill file");
  try {
    const handle = await warmUpDatabase(services.database, services.env);
    void services.changes.ensure();
    // Workflow runs: this process works the queue (the embedded database is this process's
    // alone, so every run left running is its predecessor's and resumes at once).
    if (services.env.workflows.worker)
      void services.workflows
        .startWorker({ embedded: handle.driver === "pglite" })
        .catch((err: unknown) => services.log.error({ err }, "the workflow worker did not start"));
  } catch (err) {
    if (err instanceof Error && err.name === "EmbeddedDatabaseLockedError") {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    services.log.error({ err }, "database not reachable at start-up; serving with health 503");
  }

  const server = http.createServer();
  // Behind a load balancer: keep idle connections longer than its own idle timeout (often 60 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const app = next({ dev, hostname, port, httpServer: server });
  await app.prepare();
  const nextHandler = app.getRequestHandler();

  let inFlight = 0;
  let draining = false;
  let allDone: (() => void) | undefined;
  const gateway = createGateway(services, (req, res) => nextHandler(req, res));
  server.on("request", (req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) allDone?.();
    });
    // While draining, every answer closes its connection: clients reconnect to another instance.
    if (draining) res.setHeader("connection", "close");
    void gateway.handle(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  services.log.info({ url: `http://${hostname}:${port}`, dev }, "server listening");
  if (!dev) console.log(`▲ AI Assistant OS ready on http://${hostname}:${port}`);

  const shutdown = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    const drainMs = services.env.shutdownDrainSeconds * 1000;
    const deadline = Date.now() + drainMs;
    const atSignal = inFlight;
    services.log.info({ signal, inFlight, drainMs }, "shutting down: draining in-flight requests");
    server.close();
    server.closeIdleConnections();
    const everything = new Promise<void>((resolve) => {
      allDone = resolve;
      if (inFlight === 0) resolve();
    });
    const until = (ms: number) =>
      Promise.race([everything, new Promise((r) => setTimeout(r, Math.max(0, ms)).unref())]);
    // Every request (the gateway's and Next's) gets the whole drain time. At the deadline the
    // gateway's open streams end with their error frame, and every routed call or stream still
    // running (the gateway's, the chat's) is aborted as "shutdown": a stream sends its error
    // event, a call answers 503 (retry elsewhere), each with its ledger row. Then, a second
    // later, what is left is cut.
    await until(deadline - Date.now());
    const forced = inFlight > 0;
    let terminated = 0;
    if (forced) {
      // The gateway's frame first (the exact one its clients get), then the router's abort.
      terminated = gateway.endStreams();
      services.lifecycle.stop();
      // What is left ends as soon as its handler sees the stream gone or the abort.
      await gateway.idle(2_000);
    }
    const ended = atSignal - inFlight; // finished within the drain (terminated streams included)
    await until(1_000);
    const cut = inFlight;
    server.closeAllConnections();
    // Requests cut just now settle (their ledger rows) on the next turns of the loop.
    await gateway.idle(2_000);
    services.log.info(
      { ended, terminated, cut, left: inFlight, forced },
      "drained; running shutdown hooks",
    );
    await services.close();
    // A drain that had to end requests says so (a supervisor or CI sees it), apart from a crash.
    process.exit(forced ? EXIT_DRAIN_FORCED : 0);
  };
  // `on`, not `once`: a second signal (npm and the terminal both forward Ctrl-C) must not kill
  // the process before the ledger is flushed; the third forces the exit.
  // Signals less than 500 ms apart count once: under the heap-cap supervisor the same stop can
  // arrive twice (systemd's KillMode=control-group signals both processes, and the supervisor
  // passes its copy on). SIGHUP (a closed terminal) drains too, instead of killing mid-write.
  let signals = 0;
  let lastSignal = 0;
  const onSignal = (s: NodeJS.Signals) => {
    const now = Date.now();
    if (now - lastSignal >= 500) signals++;
    lastSignal = now;
    if (signals >= 3) process.exit(1);
    void shutdown(s);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  process.on("SIGHUP", onSignal);
}
