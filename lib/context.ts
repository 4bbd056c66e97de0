import type { Db } from "@/db/client";
import type { Logger } from "./log";

/**
 * Who is calling. Anonymous until the auth layer resolves a session cookie or API key; services
 * authorize against this, never against headers a client could set.
 */
export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; role: "admin" | "member" | "viewer"; tier: "free" | "premium"; via: "session" | "api_key"; apiKeyId?: string; scopes?: string[] };

export const ANONYMOUS: Actor = Object.freeze({ kind: "anonymous" });

/** Everything a service needs, passed in: no env reads or global clocks inside services. */
export interface Ctx {
  actor: Actor;
  db: Db;
  requestId: string;
  now: () => Date;
  log: Logger;
}

/**
 * Runs `fn` in a transaction. Inside an outer transaction it becomes a savepoint of it, so a
 * service composed of other services stays atomic and test rollbacks still cover everything.
 */
export function withTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
}
