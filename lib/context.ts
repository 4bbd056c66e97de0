import type { Db } from "@/db/client";
import type { API_KEY_SCOPES, USER_ROLES, USER_TIERS } from "@/db/schema";
import type { AiClient } from "./ai/client";
import type { PrincipalCache } from "./auth/principals";
import type { ResponseCache } from "./cache/types";
import type { RunningTurns } from "./chat/running-turns";
import type { Clock } from "./clock";
import type { Env } from "./env";
import type { Logger } from "./log";
import type { ProcessStats } from "./monitoring/process";
import type { RateLimiter } from "./rate-limit/types";
import type { RunQueue } from "./workflows/runtime/runtime";

/**
 * What the request core reads of a request's headers: web Headers (a Next.js route handler) or
 * the server entry's view over Node's parsed headers (lib/server/node-http.ts), never copied.
 */
export type HeaderReader = Pick<Headers, "get" | "has">;

export type Role = (typeof USER_ROLES)[number];
export type Tier = (typeof USER_TIERS)[number];
export type Scope = (typeof API_KEY_SCOPES)[number];

export interface UserActor {
  kind: "user";
  userId: string;
  email: string;
  role: Role;
  tier: Tier;
  via: "session" | "api_key";
  apiKeyId?: string;
  /** The signed-in session (a row in `sessions`) when `via` is "session". */
  sessionId?: string;
  /** What this credential may do: all scopes for a session, the key's scopes for an API key. */
  scopes: Scope[];
}

/**
 * Work the platform does by itself: a schedule, a webhook, a queue worker. `job` names it (for
 * logs and audit rows); `onBehalfOf` is the user it acts for, when there is one, and bounds what
 * it may do. Services refuse it unless they opt in (`requireUser(ctx, { system: true })`).
 */
export interface SystemActor {
  kind: "system";
  job: string;
  onBehalfOf?: UserActor;
}

/**
 * Who is calling, resolved from the session cookie or an API key by lib/auth (never from headers
 * a client could set), or set by the entry that runs a job. Services authorize against this.
 */
export type Actor = { kind: "anonymous" } | UserActor | SystemActor;

export const ANONYMOUS: Actor = Object.freeze({ kind: "anonymous" });

/** The user a request or job acts for: the caller, or the user a system job acts on behalf of. */
export function actingUser(actor: Actor): UserActor | undefined {
  if (actor.kind === "user") return actor;
  if (actor.kind === "system") return actor.onBehalfOf;
  return undefined;
}

/**
 * What a service gets: the caller and every effect it may use, passed in (no process globals, no
 * env reads or global clocks inside services). Made only by `createCtx` (lib/services.ts).
 */
export interface Ctx {
  actor: Actor;
  requestId: string;
  /** The client of the request, for audit rows and per-IP limits. */
  client?: { ip?: string; userAgent?: string };
  env: Env;
  db: Db;
  clock: Clock;
  log: Logger;
  ai: AiClient;
  cache: ResponseCache;
  limiter: RateLimiter;
  /** The users and keys the hot path holds in memory: a service that changes one drops it here. */
  principals: PrincipalCache;
  /** Aborted when the server's drain deadline passes (lib/lifecycle.ts): end long work then. */
  stopping: AbortSignal;
  /** This process's memory, CPU and event-loop numbers (the system endpoint). */
  process: ProcessStats;
  /** Hands a workflow run to the workers (the job queue). */
  workflows: RunQueue;
  /** The chat answers streaming from this process (the Stop button ends one through it). */
  turns: RunningTurns;
}

/**
 * Runs `fn` in a transaction. Inside an outer transaction it becomes a savepoint of it, so a
 * service composed of other services stays atomic and test rollbacks still cover everything.
 */
export function withTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
}
