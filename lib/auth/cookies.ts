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

/** The cookie of a fresh session of `userId` at token version `tv` (sign-in, password change). */
export async function sessionCookieSpec(ctx: Ctx, userId: string, tv: number): Promise<CookieSpec> {
  const maxAge = ctx.env.auth.sessionMaxAgeSeconds;
  const value = await encodeSession(
    { sub: userId, tv },
    {
      secret: sessionSecret(ctx.env),
      cookieName: sessionCookieName(ctx.env),
      maxAgeSeconds: maxAge,
    },
  );
  return sessionCookie(ctx.env, value, maxAge);
}

/** Set-Cookie for a fresh session of `userId` at token version `tv` (after a password change). */
export async function sessionCookieFor(ctx: Ctx, userId: string, tv: number): Promise<string> {
  return serializeCookie(await sessionCookieSpec(ctx, userId, tv));
}

/** Set-Cookie that removes the session cookie (logout). */
export function clearedSessionCookie(ctx: Ctx): string {
  return serializeCookie(sessionCookie(ctx.env, "", 0));
}
