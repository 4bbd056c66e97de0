import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";

/**
 * Loopback servers for the SSRF tests, all on ONE port so only the address decides who answers:
 * the canary on 127.0.0.1 and ::1 (what the policy must never reach), the app on 127.0.0.2
 * (what tests allow by CIDR; Linux routes all of 127/8 to lo). Each counts its hits.
 */

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Recorder {
  hits: number;
  seen: Seen[];
  reset(): void;
}

function recorder(): Recorder {
  return {
    hits: 0,
    seen: [],
    reset() {
      this.hits = 0;
      this.seen = [];
    },
  };
}

type Route = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

function handler(rec: Recorder, route: Route) {
  return (req: IncomingMessage, res: ServerResponse) => {
    rec.hits++;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen = { method: req.method!, url: req.url!, headers: req.headers, body: "" };
      seen.body = Buffer.concat(chunks).toString("utf8");
      rec.seen.push(seen);
      route(req, res, seen);
    });
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The app's routes: echo, redirects, big and endless bodies. */
const appRoute: Route = (req, res, seen) => {
  const url = new URL(req.url!, "http://app");
  const loop = /^\/loop\/(\d+)$/.exec(url.pathname);
  const code = /^\/(30[12378])$/.exec(url.pathname);
  if (url.pathname === "/to") {
    res.writeHead(Number(url.searchParams.get("status") ?? 302), {
      location: url.searchParams.get("u")!,
    });
    res.end("moved");
  } else if (loop) {
    res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` }).end();
  } else if (code) {
    res.writeHead(Number(code[1]), { location: "/echo" }).end();
  } else if (url.pathname === "/echo") {
    res.writeHead(200, { "content-type": "application/json", "x-reply": "yes" });
    res.end(JSON.stringify(seen));
  } else if (url.pathname === "/big") {
    res.writeHead(200, { "content-length": "10000" }).end("x".repeat(10_000));
  } else if (url.pathname === "/chunked") {
    res.writeHead(200); // no length: the client learns the size only by counting
    let sent = 0;
    const timer = setInterval(() => {
      if (sent++ < 5) {
        res.write("y".repeat(600));
        return;
      }
      clearInterval(timer);
      res.end();
    }, 5);
  } else if (url.pathname === "/exact") {
    res.end("z".repeat(1000));
  } else if (url.pathname === "/utf8") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("héllo ✓ 日本");
  } else if (url.pathname === "/hang") {
    // Never answers.
  } else res.writeHead(404).end("no route");
};

export interface LoopbackServers {
  port: number;
  /** False when this machine has no IPv6 loopback (the canary then listens on 127.0.0.1 only). */
  ipv6: boolean;
  canary: Recorder;
  app: Recorder;
  close(): Promise<void>;
}

export async function startLoopbackServers(): Promise<LoopbackServers> {
  const canary = recorder();
  const app = recorder();
  const canaryRoute: Route = (_req, res) => void res.end("canary");
  const v4 = createServer(handler(canary, canaryRoute));
  const v6 = createServer(handler(canary, canaryRoute));
  const appServer = createServer(handler(app, appRoute));
  const port = await listen(v4, 0, "127.0.0.1");
  const ipv6 = await listen(v6, port, "::1").then(
    () => true,
    () => false,
  );
  await listen(appServer, port, "127.0.0.2");
  const servers = ipv6 ? [v4, v6, appServer] : [v4, appServer];
  return {
    port,
    ipv6,
    canary,
    app,
    close: async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}

/** An https server on 127.0.0.2 with the given certificate; counts hits. */
export async function startTlsServer(
  cert: string,
  key: string,
): Promise<{ port: number; rec: Recorder; close(): Promise<void> }> {
  const rec = recorder();
  const server = createTlsServer(
    { cert, key },
    handler(rec, (_req, res) => res.end("secure")),
  );
  const port = await listen(server, 0, "127.0.0.2");
  return {
    port,
    rec,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
