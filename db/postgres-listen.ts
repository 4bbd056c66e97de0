import postgres from "postgres";

export interface ListenHandlers {
  onMessage: (payload: string) => void;
  onConnect?: () => void;
  onDisconnect?: () => void;
}

const RETRY_MS = [100, 250, 500, 1000];

/**
 * LISTEN on a connection of its own that reports both ends of its life. postgres.js's `listen()`
 * re-listens on its own after a drop but never says the session was gone, and retries with a
 * backoff that grows to 20 s during an outage: a cache trusting it would go on serving entries
 * while notifications are lost. Here a drop calls `onDisconnect` at once and LISTEN is retried
 * every second at most, `onConnect` once it is back. Built on the `onnotify`/`onclose` options
 * that postgres.js's own `listen()` uses (`onnotify` is missing from its types).
 */
export async function listenPostgres(
  opts: { url: string; connectTimeoutSeconds: number; onNotice?: (message: string) => void },
  channel: string,
  on: ListenHandlers,
): Promise<() => Promise<void>> {
  let stopped = false;
  let relistening = false;
  let drops = 0;
  const options = {
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    connect_timeout: opts.connectTimeoutSeconds,
    backoff: () => 0.1,
    onnotice: (n: postgres.Notice) => opts.onNotice?.(String(n.message)),
    onnotify: (c: string, payload: string) => {
      if (c === channel) on.onMessage(payload);
    },
    onclose: () => {
      if (stopped) return;
      drops++;
      on.onDisconnect?.();
      void relisten();
    },
  };
  const sql = postgres(opts.url, options as unknown as postgres.Options<Record<string, never>>);
  const listen = () => sql`listen ${sql(channel)}`;

  async function relisten(): Promise<void> {
    if (relistening) return;
    relistening = true;
    try {
      for (let attempt = 0; !stopped; attempt++) {
        const seen = drops;
        try {
          await listen();
        } catch {
          const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
          await new Promise((r) => setTimeout(r, wait).unref());
          continue;
        }
        // Dropped again while LISTEN was on its way: go round, the session may not have it.
        if (drops !== seen) continue;
        if (!stopped) on.onConnect?.();
        return;
      }
    } finally {
      relistening = false;
    }
  }

  try {
    await listen();
  } catch (err) {
    stopped = true;
    await sql.end({ timeout: 1 }).catch(() => {});
    throw err;
  }
  on.onConnect?.();
  return async () => {
    stopped = true;
    // A LISTEN session runs no statement to wait for: a second for the goodbye, not five (a
    // partitioned database would hold shutdown that long).
    await sql.end({ timeout: 1 });
  };
}
