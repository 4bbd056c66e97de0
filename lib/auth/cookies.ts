import "server-only";
import type { Ctx } from "../context";
import { sessionSecret } from "../env";
import {
  encodeSession,
  serializeCookie,
  sessionCookie,
  sessionCookieName,
  type CookieSpec,
} from "./session";

/** Whose session a cookie carries: the user, their token version, the `sessions` row. */
export interface SessionOf {
  userId: string;
  tokenVersion: number;
  sessionId: string;
}

/** The cookie of a fresh session (sign-in, password change). */
export async function sessionCookieSpec(ctx: Ctx, of: SessionOf): Promise<CookieSpec> {
  const maxAge = ctx.env.auth.sessionMaxAgeSeconds;
  const value = await encodeSession(
    { sub: of.userId, tv: of.tokenVersion, sid: of.sessionId },
    {
      secret: sessionSecret(ctx.env),
      cookieName: sessionCookieName(ctx.env),
      maxAgeSeconds: maxAge,
    },
  );
  return sessionCookie(ctx.env, value, maxAge);
}

/** Set-Cookie for a fresh session (after a password change). */
export async function sessionCookieFor(ctx: Ctx, of: SessionOf): Promise<string> {
  return serializeCookie(await sessionCookieSpec(ctx, of));
}

/** Set-Cookie that removes the session cookie (logout). */
export function clearedSessionCookie(ctx: Ctx): string {
  return serializeCookie(sessionCookie(ctx.env, "", 0));
}
