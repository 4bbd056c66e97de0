import "server-only";
import type { Ctx } from "../context";
import { sessionSecret } from "../env";
import { encodeSession, serializeCookie, sessionCookie, sessionCookieName } from "./session";

/** Set-Cookie for a fresh session of `userId` at token version `tv` (after a password change). */
export async function sessionCookieFor(ctx: Ctx, userId: string, tv: number): Promise<string> {
  const maxAge = ctx.env.auth.sessionMaxAgeSeconds;
  const value = await encodeSession(
    { sub: userId, tv },
    {
      secret: sessionSecret(ctx.env),
      cookieName: sessionCookieName(ctx.env),
      maxAgeSeconds: maxAge,
    },
  );
  return serializeCookie(sessionCookie(ctx.env, value, maxAge));
}

/** Set-Cookie that removes the session cookie (logout). */
export function clearedSessionCookie(ctx: Ctx): string {
  return serializeCookie(sessionCookie(ctx.env, "", 0));
}
