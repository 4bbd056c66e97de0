import net from "node:net";

export interface TcpProxy {
  /** Cuts every connection and refuses new ones for `ms`, then accepts again (a database outage). */
  outage(ms: number): Promise<void>;
  /**
   * A partition: bytes stop flowing both ways on every connection, and new connections are
   * accepted but never reach the target (as when packets are dropped: no RST, no answer).
   */
  partition(): void;
  /** Ends a partition: held bytes and connections go through. */
  heal(): void;
  close(): Promise<void>;
}

/** Forwards `port` to `target`: lets a test cut one process's database connections and no one else's. */
export async function startTcpProxy(port: number, target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  };
  let partitioned = false;
  const held: (() => void)[] = [];
  const pairs = new Set<[net.Socket, net.Socket]>();
  const join = (client: net.Socket) => {
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream).pipe(client);
    const end = () => (client.destroy(), upstream.destroy(), pairs.delete(pair));
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
  };
  const make = () =>
    net.createServer((client) => {
      track(client);
      if (!partitioned) return join(client);
      client.pause();
      client.on("error", () => client.destroy());
      held.push(() => (client.resume(), join(client)));
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
    partition() {
      partitioned = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    heal() {
      partitioned = false;
      for (const [client, upstream] of pairs) {
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.resume();
      }
      for (const go of held.splice(0)) go();
    },
    close: () => stop(server),
  } satisfies TcpProxy;
}
