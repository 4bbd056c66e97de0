import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { ANONYMOUS, type Ctx } from "../context";
import { sessionSecret } from "../env";
import { clientFrom } from "../http/client-ip";
import { requestIdFrom } from "../http/request-id";
import { createCtx, getServices, type Services } from "../services";
import { LoginRefused, verifyCredentials } from "./login";
import { openSession } from "./sessions";
import { sessionCookieName } from "./session";

// Codes travel in the redirect URL (?code=...): they say what the user can do, never whether
// the account exists.
class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class AccountLocked extends CredentialsSignin {
  code = "locked";
}

/** Auth.js error types a request alone can cause: not faults of this server. */
const REQUEST_CAUSED = new Set([
  "MissingCSRF",
  "UnknownAction",
  "InvalidCallbackUrl",
  "InvalidCheck",
  "UntrustedHost",
  "JWTSessionError",
  "AccessDenied",
  "Verification",
]);

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
            const ctx = await loginCtx(services, request);
            const user = await verifyCredentials({ ctx, input: credentials });
            return {
              id: user.id,
              email: user.email,
              name: user.name,
              tokenVersion: user.tokenVersion,
              sessionId: await openSession(ctx, user.id),
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
      // Only what resolveCaller reads: the user (sub), the token version and the session's row.
      jwt({ token, user }) {
        if (!user) return token;
        const { tokenVersion, sessionId } = user as { tokenVersion: number; sessionId: string };
        return { sub: token.sub, tv: tokenVersion, sid: sessionId };
      },
    },
    // A wrong password is an expected outcome, not an error with a stack trace in the log; what
    // any anonymous request can cause (a missing CSRF token, an unknown action) is a warning,
    // so nobody can write error-level lines at will.
    logger: {
      error(error) {
        const type = (error as { type?: string }).type;
        if (type === "CredentialsSignin") return;
        if (type && REQUEST_CAUSED.has(type))
          log.warn({ type, message: error.message.split("\n")[0] }, "auth request refused");
        else log.error({ err: error }, "auth error");
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
