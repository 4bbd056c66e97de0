import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { requireAdmin } from "../auth/authorize";
import { toPublicUser } from "../auth/public-user";
import { revokeAllSessions } from "../auth/sessions";
import type { PublicUser } from "../auth/schemas";
import { withTransaction, type Ctx } from "../context";
import { conflict, forbidden, notFound } from "../errors";
import { UpdateUserInput, UserId } from "./schemas";

/**
 * Changes another user's role, tier or disabled state. Disabling bumps the token version so the
 * user's sessions end at once (API keys check the disabled flag on every call). Admins cannot
 * change themselves here, and the last active admin cannot be demoted or disabled.
 */
export async function updateUser({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ user: PublicUser }> {
  const admin = requireAdmin(ctx);
  const { id, ...patch } = UpdateUserInput.parse(input);
  const parsedId = UserId.safeParse(id);
  if (!parsedId.success) throw notFound("User");
  const result = await withTransaction(ctx, async (tx) => {
    // Admin changes run one at a time, so two admins demoting each other at once cannot both win.
    await tx.db.execute(sql`select pg_advisory_xact_lock(727002)`);
    const [user] = await tx.db.select().from(users).where(eq(users.id, parsedId.data));
    if (!user) throw notFound("User");
    // Compared after the lookup: the database also accepts "ABC…" or "{…}" spellings of an id.
    if (user.id === admin.userId)
      throw forbidden("You cannot change your own role, tier or status; ask another admin.");
    const losesAdmin =
      user.role === "admin" &&
      ((patch.role !== undefined && patch.role !== "admin") || patch.disabled === true);
    if (losesAdmin) {
      const others = await tx.db.$count(
        users,
        and(eq(users.role, "admin"), ne(users.id, user.id), isNull(users.disabledAt)),
      );
      if (others === 0)
        throw conflict("This is the last active admin; promote someone else first.");
    }
    const disabledAt =
      patch.disabled === undefined
        ? user.disabledAt
        : patch.disabled
          ? (user.disabledAt ?? tx.clock.now())
          : null;
    const [updated] = await tx.db
      .update(users)
      .set({
        role: patch.role ?? user.role,
        tier: patch.tier ?? user.tier,
        disabledAt,
        tokenVersion:
          patch.disabled && !user.disabledAt ? user.tokenVersion + 1 : user.tokenVersion,
        updatedAt: tx.clock.now(),
      })
      .where(eq(users.id, user.id))
      .returning();
    // Disabling ends every session for good: re-enabling the account brings none of them back.
    if (patch.disabled && !user.disabledAt) await revokeAllSessions(tx, user.id);
    const target = { targetType: "user", targetId: user.id };
    if (patch.role && patch.role !== user.role)
      await recordAudit(tx, {
        action: "user.role_change",
        ...target,
        metadata: { email: user.email, before: user.role, after: patch.role },
      });
    if (patch.tier && patch.tier !== user.tier)
      await recordAudit(tx, {
        action: "user.tier_change",
        ...target,
        metadata: { email: user.email, before: user.tier, after: patch.tier },
      });
    if (patch.disabled !== undefined && patch.disabled !== (user.disabledAt !== null)) {
      await recordAudit(tx, {
        action: patch.disabled ? "user.disable" : "user.enable",
        ...target,
        metadata: { email: user.email },
      });
    }
    return { user: toPublicUser(updated!) };
  });
  // Role, tier and disabled take effect at once here; other processes follow via the change feed.
  ctx.principals.forgetUser(result.user.id);
  return result;
}
