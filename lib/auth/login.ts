import { eq } from "drizzle-orm";
import { users, type User } from "@/db/schema";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { loginFailureRule } from "../rate-limit/policy";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { LoginInput } from "./schemas";

export const INVALID_CREDENTIALS = "Invalid email or password.";

export class LoginRefused extends AppError {
  constructor(
    readonly reason: "invalid" | "locked",
    retryAfterSeconds?: number,
  ) {
    super(
      reason === "locked" ? "rate_limited" : "unauthorized",
      reason === "locked"
        ? `Too many failed sign-ins for this account. Try again in ${Math.ceil((retryAfterSeconds ?? 60) / 60)} min.`
        : INVALID_CREDENTIALS,
      reason === "locked" ? { retryAfterSeconds } : undefined,
      reason === "locked"
        ? { headers: { "Retry-After": String(retryAfterSeconds ?? 60) } }
        : undefined,
    );
  }
}

/**
 * The per-account attempt budget, shared by sign-in and the current-password check. Each attempt
 * is counted *before* the password is checked (atomically), so N guesses sent at once cannot all
 * slip past a read-then-count gap; a success forgives the attempts. Keyed by the email string, so
 * unknown emails lock out the same way and reveal nothing. Returns a function that records the
 * outcome: on the attempt that exhausts the budget it starts the lockout and says so (once).
 */
export async function spendPasswordAttempt(ctx: Ctx, email: string) {
  const limiter = ctx.limiter;
  const rule = loginFailureRule(ctx.env);
  const key = `email:${email}`;
  const attempt = await limiter.consume(rule, key);
  if (!attempt.allowed)
    throw new LoginRefused("locked", attempt.retryAfterSeconds || rule.blockSeconds);
  return async (ok: boolean): Promise<"ok" | "failed" | "locked"> => {
    if (ok) {
      await limiter.reset(rule, key);
      return "ok";
    }
    if (attempt.remaining > 0) return "failed";
    // One more hit past the limit makes the backend start the block now, for LOGIN_LOCKOUT_MINUTES.
    await limiter.consume(rule, key);
    return "locked";
  };
}

/**
 * Checks an email and password. Unknown email, wrong password and disabled account give the same
 * answer after the same bcrypt work. At LOGIN_MAX_FAILURES the account is locked for
 * LOGIN_LOCKOUT_MINUTES, recorded once in the audit log. Per-IP throttling is the route's `auth`
 * rate limit.
 */
export async function verifyCredentials({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<User> {
  const { email, password } = LoginInput.parse(input);
  const outcome = await spendPasswordAttempt(ctx, email);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email));
  const ok = user
    ? await verifyPassword(password, user.passwordHash)
    : await burnPasswordCheck(password, ctx.env.auth.passwordHashCost);
  if (ok && user && !user.disabledAt) {
    await outcome(true);
    await recordAudit(ctx, {
      action: "auth.login.success",
      actorId: user.id,
      targetType: "user",
      targetId: user.id,
    });
    return user;
  }
  const result = await outcome(false);
  const target = { actorId: user?.id ?? null, targetType: "user", targetId: user?.id };
  await recordAudit(ctx, {
    action: "auth.login.failure",
    ...target,
    metadata: {
      email,
      reason: !user ? "unknown_email" : user.disabledAt ? "disabled" : "wrong_password",
    },
  });
  if (result === "locked") {
    await recordAudit(ctx, {
      action: "auth.lockout",
      ...target,
      metadata: { email, minutes: ctx.env.auth.lockoutSeconds / 60 },
    });
    throw new LoginRefused("locked", ctx.env.auth.lockoutSeconds);
  }
  throw new LoginRefused("invalid");
}
