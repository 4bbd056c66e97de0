import "server-only";
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { firstConnectSettled } from "./redis";
import type { UpstashClient } from "./upstash";

/**
 * Runs @upstash/ratelimit on a plain Redis (self-hosting, and the tests' local Redis). Since
 * 2.1.0 its Lua scripts start with `#!lua flags=allow-key-locking`, a flag only Upstash accepts:
 * Redis 7 refuses the script ("Unexpected flag in script shebang"). The adapter drops that line.
 * Ratelimit addresses a script by the SHA-1 of its original text (EVALSHA, then EVAL on NOSCRIPT),
 * which plain Redis never has; the first EVAL maps that hash to the stripped script's SHA so later
 * calls are a single EVALSHA again.
 *
 * Pass an ioredis client you own (and close): e.g. `rateLimitRedisClient(url)` from ./redis, whose
 * options make an outage fail fast. Replies come back as Redis sends them (no JSON decoding).
 */
const SHEBANG = /^#!lua[^\n]*\n/;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

// Upstash's client sends every argument as a string (objects as JSON); ratelimit passes numbers and null.
const toArg = (v: unknown): string =>
  v == null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);

export function ioredisUpstashClient(client: Redis): UpstashClient {
  // Without an offline queue, commands sent during the first handshake would fail: wait for it once.
  const connected = firstConnectSettled(client);
  const ready = <T>(run: () => Promise<T>) => connected.then(run);
  const runnableSha = new Map<string, string>();
  return {
    eval: (script, keys, args) =>
      ready(() => {
        const runnable = script.replace(SHEBANG, "");
        if (runnable !== script) runnableSha.set(sha1(script), sha1(runnable));
        return client.eval(runnable, keys.length, ...keys, ...args.map(toArg));
      }),
    evalsha: (sha, keys, args) =>
      ready(() =>
        client.evalsha(runnableSha.get(sha) ?? sha, keys.length, ...keys, ...args.map(toArg)),
      ),
    get: (key) => ready(() => client.get(key)),
    set: (key, value, { ex }) => ready(() => client.set(key, value, "EX", ex, "NX")),
    del: (...keys) => ready(() => client.del(...keys)),
  };
}
