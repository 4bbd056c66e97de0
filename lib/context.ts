import type { Db } from "@/db/client";
import type { API_KEY_SCOPES, USER_ROLES, USER_TIERS } from "@/db/schema";
import type { Env } from "./env";
import type { Logger } from "./log";

export type Role = (typeof USER_ROLES)[number];
export type Tier = (typeof USER_TIERS)[number];
export type Scope = (typeof API_KEY_SCOPES)[number];

/**
 * Who is calling, resolved from the session cookie or an API key by lib/auth (never from headers
 * a client could set). Services authorize against this.
 */
export type Actor =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      email: string;
      role: Role;
      tier: Tier;
      via: "session" | "api_key";
      apiKeyId?: string;
      /** What this credential may do: all scopes for a session, the key's scopes for an API key. */
      scopes: Scope[];
    };

export type UserActor = Extract<Actor, { kind: "user" }>;

export const ANONYMOUS: Actor = Object.freeze({ kind: "anonymous" });

/** Everything a service needs, passed in: no env reads or global clocks inside services. */
export interface Ctx {
  actor: Actor;
  db: Db;
  env: Env;
  requestId: string;
  now: () => Date;
  log: Logger;
  /** The client of the request, for audit rows and per-IP limits. */
  client?: { ip?: string; userAgent?: string };
}

/**
 * Runs `fn` in a transaction. Inside an outer transaction it becomes a savepoint of it, so a
 * service composed of other services stays atomic and test rollbacks still cover everything.
 */
export function withTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
}
