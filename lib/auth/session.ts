import "server-only";
import { decode, encode } from "next-auth/jwt";
import type { Env } from "../env";
import { isUuid } from "../ids";

/**
 * The session is an Auth.js JWT (JWE: dir + A256CBC-HS512, key derived from SECRET_KEY with the
 * cookie name as salt) in an httpOnly cookie. Production uses the `__Host-` prefix, which the
 * browser only accepts with Secure, Path=/ and no Domain: the cookie cannot be planted by a
 * sibling subdomain. Development/test (plain http) use the bare name.
 */
export const SESSION_COOKIE = "auth_token";

export function sessionCookieName(env: Pick<Env, "isProduction">): string {
  return env.isProduction ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/**
 * Claims we put in the token: the user id (sub), the token version it was issued under and the
 * id of its row in `sessions` (sid), which signing out revokes.
 */
export interface SessionClaims {
  sub: string;
  tv: number;
  sid: string;
  iat?: number;
  exp?: number;
}

export async function encodeSession(
  claims: { sub: string; tv: number; sid: string },
  opts: { secret: string; cookieName: string; maxAgeSeconds: number },
): Promise<string> {
  return encode({
    token: { sub: claims.sub, tv: claims.tv, sid: claims.sid },
    secret: opts.secret,
    salt: opts.cookieName,
    maxAge: opts.maxAgeSeconds,
  });
}

/** Null for anything that is not a valid, unexpired token made with our key (alg:none, tampered, other key, expired). */
export async function decodeSession(
  token: string,
  opts: { secret: string; cookieName: string },
): Promise<SessionClaims | null> {
  try {
    const payload = await decode({ token, secret: opts.secret, salt: opts.cookieName });
    // A token without a session id (issued before sessions were revocable) is no session.
    if (
      !payload ||
      typeof payload.sub !== "string" ||
      typeof payload.tv !== "number" ||
      typeof payload.sid !== "string" ||
      !isUuid(payload.sid)
    )
      return null;
    return {
      sub: payload.sub,
      tv: payload.tv,
      sid: payload.sid.toLowerCase(),
      iat: payload.iat as number | undefined,
      exp: payload.exp as number | undefined,
    };
  } catch {
    return null;
  }
}

export interface CookieSpec {
  name: string;
  value: string;
  maxAge: number;
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
}

export function sessionCookie(
  env: Pick<Env, "isProduction">,
  value: string,
  maxAge: number,
): CookieSpec {
  return {
    name: sessionCookieName(env),
    value,
    maxAge,
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    path: "/",
  };
}

export function serializeCookie(c: CookieSpec): string {
  return [
    `${c.name}=${c.value}`,
    `Path=${c.path}`,
    `Max-Age=${c.maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(c.secure ? ["Secure"] : []),
  ].join("; ");
}
