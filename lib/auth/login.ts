import { eq } from "drizzle-orm";
import { users, type User } from "@/db/schema";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { loginFailureRule } from "../rate-limit/policy";
import type { RateLimiter } from "../rate-limit/types";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { LoginInput } from "./schemas";

export const INVALID_CREDENTIALS = "Invalid email or password.";

export class LoginRefused extends AppError {
  constructor(readonly reason: "invalid" | "locked", retryAfterSeconds?: number) {
    super(
      reason === "locked" ? "rate_limited" : "unauthorized",
      reason === "locked" ? `Too many failed sign-ins for this account. Try again in ${Math.ceil((retryAfterSeconds ?? 60) / 60)} min.` : INVALID_CREDENTIALS,
      reason === "locked" ? { retryAfterSeconds } : undefined,
      reason === "locked" ? { headers: { "Retry-After": String(retryAfterSeconds ?? 60) } } : undefined,
    );
  }
}

/**
 * Checks an email and password. Unknown email, wrong password and disabled account give the same
 * answer after the same bcrypt work. Failures count per account (keyed by the email string, so
 * unknown emails lock out the same way and reveal nothing); at LOGIN_MAX_FAILURES the account is
 * locked for LOGIN_LOCKOUT_MINUTES, recorded once in the audit log. Per-IP throttling is the
 * route's `auth` rate limit.
 */
export async function verifyCredentials({ ctx, input, limiter }: { ctx: Ctx; input: unknown; limiter: RateLimiter }): Promise<User> {
  const { email, password } = LoginInput.parse(input);
  const rule = loginFailureRule(ctx.env);
  const key = `email:${email}`;
  const state = await limiter.peek(rule, key);
  if (!state.allowed || state.remaining <= 0) throw new LoginRefused("locked", state.retryAfterSeconds || rule.blockSeconds);

  const [user] = await ctx.db.select().from(users).where(eq(users.email, email));
  const ok = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password, ctx.env.auth.passwordHashCost);
  if (ok && user && !user.disabledAt) {
    await limiter.reset(rule, key);
    await recordAudit(ctx, { action: "auth.login.success", actorId: user.id, targetType: "user", targetId: user.id });
    return user;
  }

  const failure = await limiter.consume(rule, key);
  const meta = { email, reason: !user ? "unknown_email" : user.disabledAt ? "disabled" : "wrong_password" };
  await recordAudit(ctx, { action: "auth.login.failure", actorId: user?.id ?? null, targetType: "user", targetId: user?.id, metadata: meta });
  if (!failure.allowed || failure.remaining <= 0) {
    // One more hit past the limit makes the backend start the block, so the lockout lasts
    // LOGIN_LOCKOUT_MINUTES from now rather than from the first failure.
    await limiter.consume(rule, key);
    await recordAudit(ctx, { action: "auth.lockout", actorId: user?.id ?? null, targetType: "user", targetId: user?.id, metadata: { email, minutes: rule.windowSeconds / 60 } });
    throw new LoginRefused("locked", rule.blockSeconds);
  }
  throw new LoginRefused("invalid");
}
