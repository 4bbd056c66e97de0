import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { hashApiKey, looksLikeApiKey } from "../api-keys/token";
import { ANONYMOUS, type Actor, type Scope } from "../context";
import { sessionSecret, type Env } from "../env";
import { unauthorized } from "../errors";
import {
  decodeSession,
  encodeSession,
  sessionCookie,
  sessionCookieName,
  type CookieSpec,
} from "./session";

const ALL_SCOPES: Scope[] = ["read", "write", "admin"];
/** Sliding expiry: a session older than this is re-issued with a fresh lifetime on the next API call. */
const REFRESH_AFTER_SECONDS = 24 * 3600;

export interface ResolvedCaller {
  actor: Actor;
  /** Set-Cookie to send back: a refreshed session, or a cleared one that no longer works. */
  cookie?: CookieSpec;
}

export function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/**
 * Resolves the caller from `Authorization: Bearer <api key>` or the session cookie, checking the
 * database each time: a disabled user, a revoked or expired key, or a session issued before a
 * password change / logout-everywhere stops working at once. Nothing else in the request
 * (x-user-id, x-middleware-subrequest, ...) is ever trusted.
 */
export async function resolveCaller(
  { db, env, now }: { db: Db; env: Env; now: Date },
  headers: Headers,
): Promise<ResolvedCaller> {
  const secret = sessionSecret(env);
  const authorization = headers.get("authorization");
  if (authorization) {
    const [scheme, value] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !value || !looksLikeApiKey(value))
      throw unauthorized("Invalid API key.");
    return { actor: await actorFromApiKey(db, value, now) };
  }
  const cookieName = sessionCookieName(env);
  const token = readCookie(headers, cookieName);
  if (!token) return { actor: ANONYMOUS };
  const claims = await decodeSession(token, { secret, cookieName });
  const [user] = claims ? await db.select().from(users).where(eq(users.id, claims.sub)) : [];
  if (!claims || !user || user.disabledAt || user.tokenVersion !== claims.tv) {
    return { actor: ANONYMOUS, cookie: sessionCookie(env, "", 0) };
  }
  const actor: Actor = {
    kind: "user",
    userId: user.id,
    email: user.email,
    role: user.role,
    tier: user.tier,
    via: "session",
    scopes: ALL_SCOPES,
  };
  const age = now.getTime() / 1000 - (claims.iat ?? 0);
  if (age < REFRESH_AFTER_SECONDS) return { actor };
  const maxAge = env.auth.sessionMaxAgeSeconds;
  const value = await encodeSession(
    { sub: user.id, tv: user.tokenVersion },
    { secret, cookieName, maxAgeSeconds: maxAge },
  );
  return { actor, cookie: sessionCookie(env, value, maxAge) };
}

async function actorFromApiKey(db: Db, key: string, now: Date): Promise<Actor> {
  const [row] = await db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.keyHash, hashApiKey(key)));
  if (
    !row ||
    row.key.revokedAt ||
    (row.key.expiresAt && row.key.expiresAt <= now) ||
    row.user.disabledAt
  ) {
    throw unauthorized("Invalid, revoked or expired API key.");
  }
  // Bounded write amplification: last_used_at moves at most once a minute per key, and a key used
  // within the last minute costs no write at all (the hot path of API traffic).
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() >= 60_000)
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, row.key.id),
          or(
            isNull(apiKeys.lastUsedAt),
            lt(apiKeys.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`),
          ),
        ),
      );
  const { user } = row;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    role: user.role,
    tier: user.tier,
    via: "api_key",
    apiKeyId: row.key.id,
    scopes: row.key.scopes as Scope[],
  };
}
