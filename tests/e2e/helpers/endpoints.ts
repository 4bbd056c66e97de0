import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request an endpoint got: its key (`?key=`), its number for that path and key (from 1). */
export interface Hit {
  method: string;
  path: string;
  key: string;
  n: number;
  body: string;
}

/**
 * What an endpoint answers: a JSON value (200), or `HOLD` — the request is never answered and
 * stays open until the caller goes away (a server killed mid-step closes it).
 */
export const HOLD = Symbol("hold");
export type Route = (hit: Hit) => unknown | typeof HOLD | Promise<unknown>;

export interface Endpoints {
  /** http://127.0.0.1:<port> */
  url: string;
  /** How often `path` was asked for `key` (every key when absent). */
  hits(path: string, key?: string): number;
  /** Every hit, in arrival order. */
  log: Hit[];
  /** Resolves once `path` has had `n` hits for `key`. */
  seen(path: string, key: string, n?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Loopback endpoints for the workflow http node, on an ephemeral port of 127.0.0.1 (allowed
 * with WORKFLOW_HTTP_ALLOW=127.0.0.1): each counts its hits by path and `?key=`, so a test can
 * prove a step's effect happened exactly once. Unknown paths answer 404.
 */
export async function startEndpoints(routes: Record<string, Route>): Promise<Endpoints> {
  const counts = new Map<string, number>();
  const log: Hit[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url!, "http://endpoints");
      const key = url.searchParams.get("key") ?? "";
      const id = `${url.pathname}\u0000${key}`;
      const n = (counts.get(id) ?? 0) + 1;
      counts.set(id, n);
      const hit = { method: req.method!, path: url.pathname, key, n, body: "" };
      hit.body = Buffer.concat(chunks).toString("utf8");
      log.push(hit);
      for (const w of waiters) w();
      const route = routes[url.pathname];
      if (!route) return void res.writeHead(404).end();
      void Promise.resolve(route(hit)).then(
        (answer) => {
          if (answer === HOLD || res.destroyed) return;
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(answer ?? null));
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const hits = (path: string, key?: string) =>
    log.filter((h) => h.path === path && (key === undefined || h.key === key)).length;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    log,
    seen: (path, key, n = 1, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (hits(path, key) < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${path}?key=${key}: ${hits(path, key)} of ${n} hits`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
