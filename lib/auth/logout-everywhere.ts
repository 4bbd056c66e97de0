import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { withTransaction, type Ctx } from "../context";
import { requireUser } from "./authorize";
import { revokeAllSessions } from "./sessions";

/** Ends every session of the caller (all devices), including this one. */
export async function logoutEverywhere({ ctx }: { ctx: Ctx }): Promise<void> {
  const actor = requireUser(ctx, { session: true });
  await withTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: tx.clock.now() })
      .where(eq(users.id, actor.userId));
    await revokeAllSessions(tx, actor.userId);
    await recordAudit(tx, {
      action: "auth.logout_everywhere",
      targetType: "user",
      targetId: actor.userId,
    });
  });
  ctx.principals.forgetUser(actor.userId); // committed: this process stops accepting old sessions now
}
