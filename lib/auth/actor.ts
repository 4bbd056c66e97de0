import "server-only";
import { hashApiKey, looksLikeApiKey } from "../api-keys/token";
import { readCookie } from "./cookie-header";
import type { Principals } from "./principals";
import { ANONYMOUS, type Actor, type HeaderReader, type Scope } from "../context";
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
/** A workflow webhook's secret (lib/workflows/webhook-secret.ts) starts with this. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";
/** Sliding expiry: a session older than this is re-issued with a fresh lifetime on the next API call. */
const REFRESH_AFTER_SECONDS = 24 * 3600;

export interface ResolvedCaller {
  actor: Actor;
  /** Set-Cookie to send back: a refreshed session, or a cleared one that no longer works. */
  cookie?: CookieSpec;
}

export { readCookie };

/**
 * Resolves the caller from `Authorization: Bearer <api key>` or the session cookie, against the
 * principal cache (lib/auth/principals.ts: loaded from the database, dropped on every change in
 * any process): a disabled user, a revoked or expired key, a signed-out session, or a session
 * issued before a password change / logout-everywhere stops working at once. Nothing else in the request
 * (x-user-id, x-middleware-subrequest, ...) is ever trusted.
 */
export async function resolveCaller(
  {
    principals,
    env,
    now,
    reissue = true,
  }: {
    principals: Principals;
    env: Env;
    now: Date;
    /** Whether an old session may get a fresh cookie (false where no cookie can be sent: pages). */
    reissue?: boolean;
  },
  headers: HeaderReader,
): Promise<ResolvedCaller> {
  const secret = sessionSecret(env);
  const authorization = headers.get("authorization");
  const [scheme, credential] = authorization?.split(/\s+/, 2) ?? [];
  // `Bearer whsec_…` is a webhook's secret, which the webhook service checks itself; it names no
  // caller. Refused here as a bad API key, a bearer-mode webhook could never be called.
  const webhookSecret =
    scheme?.toLowerCase() === "bearer" && !!credential?.startsWith(WEBHOOK_SECRET_PREFIX);
  if (authorization && !webhookSecret) {
    if (scheme?.toLowerCase() !== "bearer" || !credential || !looksLikeApiKey(credential))
      throw unauthorized("Invalid API key.");
    return { actor: await actorFromApiKey(principals, credential, now) };
  }
  const cookieName = sessionCookieName(env);
  const token = readCookie(headers, cookieName);
  if (!token) return { actor: ANONYMOUS };
  const claims = await decodeSession(token, { secret, cookieName });
  const user = claims ? await principals.user(claims.sub) : undefined;
  if (
    !claims ||
    !user ||
    user.disabledAt ||
    user.tokenVersion !== claims.tv ||
    !(await principals.sessions.isLive(claims.sid, user.id))
  ) {
    return { actor: ANONYMOUS, cookie: sessionCookie(env, "", 0) };
  }
  const actor: Actor = {
    kind: "user",
    userId: user.id,
    email: user.email,
    role: user.role,
    tier: user.tier,
    via: "session",
    sessionId: claims.sid,
    scopes: ALL_SCOPES,
  };
  const age = now.getTime() / 1000 - (claims.iat ?? 0);
  if (age < REFRESH_AFTER_SECONDS || !reissue) {
    principals.sessions.touch(claims.sid, now);
    return { actor };
  }
  const maxAge = env.auth.sessionMaxAgeSeconds;
  const value = await encodeSession(
    { sub: user.id, tv: user.tokenVersion, sid: claims.sid },
    { secret, cookieName, maxAgeSeconds: maxAge },
  );
  principals.sessions.touch(claims.sid, now, new Date(now.getTime() + maxAge * 1000));
  return { actor, cookie: sessionCookie(env, value, maxAge) };
}

async function actorFromApiKey(principals: Principals, key: string, now: Date): Promise<Actor> {
  const found = await principals.keyByHash(hashApiKey(key));
  if (
    !found ||
    found.key.revokedAt ||
    (found.key.expiresAt && found.key.expiresAt <= now) ||
    found.user.disabledAt
  ) {
    throw unauthorized("Invalid, revoked or expired API key.");
  }
  principals.touch(found.key.id, now);
  const { user } = found;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    role: user.role,
    tier: user.tier,
    via: "api_key",
    apiKeyId: found.key.id,
    scopes: found.key.scopes,
  };
}
