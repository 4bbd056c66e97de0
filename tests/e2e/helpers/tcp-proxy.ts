import net from "node:net";

export interface TcpProxy {
  /** Cuts every connection and refuses new ones for `ms`, then accepts again (a database outage). */
  outage(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Forwards `port` to `target`: lets a test cut one process's database connections and no one else's. */
export async function startTcpProxy(port: number, target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  };
  const make = () =>
    net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => (client.destroy(), upstream.destroy());
      client.on("error", end);
      upstream.on("error", end);
      client.on("close", end);
      upstream.on("close", end);
    });
  const listen = (server: net.Server) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const stop = (server: net.Server) =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  let server = make();
  await listen(server);
  return {
    async outage(ms: number) {
      await stop(server);
      await new Promise((r) => setTimeout(r, ms));
      server = make();
      await listen(server);
    },
    close: () => stop(server),
  } satisfies TcpProxy;
}
