import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { withTransaction, type Ctx } from "../context";
import { notFound, validationError } from "../errors";
import { requireUser } from "./authorize";
import { spendPasswordAttempt } from "./login";
import { passwordProblem } from "./password-rules";
import { hashPassword, verifyPassword } from "./passwords";
import { openSession, revokeAllSessions } from "./sessions";
import { ChangePasswordInput } from "./schemas";

/**
 * Changes the password and bumps the token version, which ends every session at once, and
 * starts a new one for the caller: the route re-issues this browser's cookie with it.
 */
export async function changePassword({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ tokenVersion: number; sessionId: string }> {
  const actor = requireUser(ctx, { session: true });
  const { currentPassword, newPassword } = ChangePasswordInput.parse(input);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound("User");
  // A stolen session must not become a password oracle: same per-account budget as sign-in.
  const outcome = await spendPasswordAttempt(ctx, user.email);
  const matches = await verifyPassword(currentPassword, user.passwordHash);
  if ((await outcome(matches)) !== "ok") {
    await recordAudit(ctx, {
      action: "auth.password_change.failure",
      targetType: "user",
      targetId: user.id,
    });
    throw validationError([{ field: "currentPassword", message: "is not your current password" }]);
  }
  const problem =
    passwordProblem(newPassword, user.email) ??
    (newPassword === currentPassword ? "must differ from the current password" : null);
  if (problem) throw validationError([{ field: "newPassword", message: problem }]);
  const passwordHash = await hashPassword(newPassword, ctx.env.auth.passwordHashCost);
  const result = await withTransaction(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(users)
      .set({
        passwordHash,
        tokenVersion: sql`${users.tokenVersion} + 1`,
        updatedAt: tx.clock.now(),
      })
      .where(eq(users.id, user.id))
      .returning({ tokenVersion: users.tokenVersion });
    await revokeAllSessions(tx, user.id);
    await recordAudit(tx, {
      action: "auth.password_change",
      targetType: "user",
      targetId: user.id,
    });
    return { tokenVersion: updated!.tokenVersion, sessionId: await openSession(tx, user.id) };
  });
  ctx.principals.forgetUser(user.id); // other sessions stop working in this process at once
  return result;
}
