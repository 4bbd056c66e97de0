import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { ANONYMOUS, type Ctx } from "../context";
import { AppError } from "../errors";
import { sessionSecret } from "../env";
import { clientFrom } from "../http/client-ip";
import { requestIdFrom } from "../http/request-id";
import { createCtx, getServices, type Services } from "../services";
import { LoginRefused, verifyCredentials } from "./login";
import { endSessionById, openSession } from "./sessions";
import { sessionCookieName } from "./session";

// Codes travel in the redirect URL (?code=...): they say what the user can do, never whether
// the account exists.
class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class AccountLocked extends CredentialsSignin {
  code = "locked";
}

/**
 * Auth.js errors that are faults of this server: its configuration, or `authorize` failing for a
 * reason that is not the credentials (the database is down). Everything else Auth.js reports —
 * a missing CSRF token, an unknown action or provider, a malformed body or URL — is something a
 * request alone can cause, logged as a warning so nobody can write error-level lines at will.
 */
const SERVER_FAULTS = new Set([
  "CallbackRouteError",
  "Configuration",
  "MissingSecret",
  "MissingAuthorize",
  "InvalidEndpoints",
  "EventError",
  "AdapterError",
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
            if (
              err instanceof LoginRefused ||
              (err as Error).name === "ZodError" ||
              (err instanceof AppError && err.status < 500)
            )
              throw new InvalidCredentials();
            throw err;
          }
        },
      }),
    ],
    // Auth.js's own POST /api/auth/signout (next-auth/react's signOut()) ends the session on the
    // server too, like /api/auth/logout: the cookie alone going away would leave copies alive.
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid !== "string") return;
        const ctx = await createCtx(services, { actor: ANONYMOUS, requestId: "auth-signout" });
        await endSessionById(ctx, sid);
      },
    },
    callbacks: {
      // Only what resolveCaller reads: the user (sub), the token version and the session's row.
      jwt({ token, user }) {
        if (!user) return token;
        const { tokenVersion, sessionId } = user as { tokenVersion: number; sessionId: string };
        return { sub: token.sub, tv: tokenVersion, sid: sessionId };
      },
    },
    // A wrong password is an expected outcome, not an error with a stack trace in the log.
    logger: {
      error(error) {
        const type = (error as { type?: string }).type;
        if (type === "CredentialsSignin") return;
        if (type && SERVER_FAULTS.has(type)) log.error({ err: error }, "auth error");
        else
          log.warn(
            { type: type ?? error.name, message: error.message.split("\n")[0]?.slice(0, 200) },
            "auth request refused",
          );
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
