import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { ANONYMOUS, type Ctx } from "../context";
import { sessionSecret } from "../env";
import { clientFrom } from "../http/client-ip";
import { requestIdFrom } from "../http/request-id";
import { createCtx, getServices, type Services } from "../services";
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

/** The ctx of a sign-in attempt: anonymous, with the client's address for the per-IP budget. */
function loginCtx(services: Services, request: Request): Promise<Ctx> {
  const headers = request.headers;
  return createCtx(services, {
    actor: ANONYMOUS,
    requestId: requestIdFrom(headers),
    client: clientFrom(headers, services.env.trustedProxies),
  });
}

/**
 * The Auth.js configuration: credentials provider, JWT session in the `auth_token` cookie
 * (`__Host-auth_token` in production), secret and settings from the services' env.
 */
function authConfig(services: Services): NextAuthConfig {
  const { env, log } = services;
  const name = sessionCookieName(env);
  return {
    secret: sessionSecret(env),
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
              ctx: await loginCtx(services, request),
              input: credentials,
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
        log.error({ err: error }, "auth error");
      },
      warn(code) {
        log.warn({ code }, "auth warning");
      },
      debug() {},
    },
  };
}

/**
 * Auth.js v5 with the credentials provider and JWT sessions. Its configuration is read per
 * request from the process's services, so this holds no state of its own (and builds, which
 * import every module, configure nothing).
 */
export const authJs = NextAuth(() => authConfig(getServices()));
