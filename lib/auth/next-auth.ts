import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthResult } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { ANONYMOUS, type Ctx } from "../context";
import { getDb } from "../db";
import { getEnv, resolveSecretKey } from "../env";
import { clientIp } from "../http/client-ip";
import { requestIdFrom } from "../http/request-id";
import { logger } from "../log";
import { getRateLimiter } from "../rate-limit";
import { LoginRefused, verifyCredentials } from "./login";
import { sessionCookieName } from "./session";

// Codes travel in the redirect URL (?code=...): they say what the user can do, never whether
// the account exists.
class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class AccountLocked extends CredentialsSignin {
  code = "locked";
}

async function loginCtx(request: Request): Promise<Ctx> {
  const env = getEnv();
  const headers = request.headers;
  return {
    actor: ANONYMOUS,
    db: await getDb(),
    env,
    requestId: requestIdFrom(headers),
    now: () => new Date(),
    log: logger(),
    client: {
      ip: clientIp(headers, env.trustedProxies),
      userAgent: headers.get("user-agent") ?? undefined,
    },
  };
}

let instance: NextAuthResult | undefined;

/**
 * Auth.js v5 with the credentials provider and JWT sessions in the `auth_token` cookie
 * (`__Host-auth_token` in production). Configured lazily: the secret and settings come from the
 * validated environment at the first request, not at import (builds import every module).
 */
export function nextAuth(): NextAuthResult {
  instance ??= NextAuth(() => {
    const env = getEnv();
    const name = sessionCookieName(env);
    return {
      secret: resolveSecretKey(env),
      trustHost: true,
      // Secure (__Host-/__Secure-) names for Auth.js's CSRF and callback cookies in production,
      // whatever protocol a proxy in front reports.
      useSecureCookies: env.isProduction,
      session: { strategy: "jwt", maxAge: env.auth.sessionMaxAgeSeconds, updateAge: 24 * 3600 },
      cookies: {
        sessionToken: {
          name,
          options: { httpOnly: true, sameSite: "lax", path: "/", secure: env.isProduction },
        },
      },
      pages: { signIn: "/login", error: "/login" },
      providers: [
        Credentials({
          credentials: {
            email: { label: "Email", type: "email" },
            password: { label: "Password", type: "password" },
          },
          async authorize(credentials, request) {
            try {
              const user = await verifyCredentials({
                ctx: await loginCtx(request),
                input: credentials,
                limiter: getRateLimiter(),
              });
              return {
                id: user.id,
                email: user.email,
                name: user.name,
                tokenVersion: user.tokenVersion,
              };
            } catch (err) {
              if (err instanceof LoginRefused && err.reason === "locked") throw new AccountLocked();
              if (err instanceof LoginRefused || (err as Error).name === "ZodError")
                throw new InvalidCredentials();
              throw err;
            }
          },
        }),
      ],
      callbacks: {
        jwt({ token, user }) {
          if (user) token.tv = (user as { tokenVersion: number }).tokenVersion;
          return token;
        },
      },
      // A wrong password is an expected outcome, not an error with a stack trace in the log.
      logger: {
        error(error) {
          if ((error as { type?: string }).type === "CredentialsSignin") return;
          logger().error({ err: error }, "auth error");
        },
        warn(code) {
          logger().warn({ code }, "auth warning");
        },
        debug() {},
      },
    };
  });
  return instance;
}
