import { and, desc, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { sessions } from "@/db/schema";
import { recordAudit } from "../audit/record";
import { withTransaction, type Ctx } from "../context";
import { notFound } from "../errors";
import { isUuid } from "../ids";
import { storableText } from "../text-guard";
import { requireUser } from "./authorize";
import { RevokeSessionInput, type SessionSummary } from "./schemas";

const MAX_LISTED = 50;

/**
 * Starts a session of `userId` (who just proved who they are: sign-in, registration, password
 * change) and returns its id, which goes into the cookie. Expired and revoked rows (anyone's:
 * a user who never comes back leaves none behind for long) are removed on the way, so the
 * table holds live sessions and little else; the audit log keeps what happened.
 */
export async function openSession(ctx: Ctx, userId: string): Promise<string> {
  const now = ctx.clock.now();
  await ctx.db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), isNotNull(sessions.revokedAt)));
  const [row] = await ctx.db
    .insert(sessions)
    .values({
      userId,
      userAgent: ctx.client?.userAgent ? storableText(ctx.client.userAgent.slice(0, 300)) : null,
      ip: ctx.client?.ip ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.env.auth.sessionMaxAgeSeconds * 1000),
    })
    .returning({ id: sessions.id });
  return row!.id;
}

/**
 * The caller's live sessions: the one asking first (marked `current`, listed even when the user
 * has more than fit), then the most recently used.
 */
export async function listSessions({ ctx }: { ctx: Ctx }): Promise<{ sessions: SessionSummary[] }> {
  const actor = requireUser(ctx, { session: true });
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, actor.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, ctx.clock.now()),
      ),
    )
    .orderBy(
      desc(sql`${sessions.id} = ${actor.sessionId ?? null}::uuid`),
      desc(sessions.lastSeenAt),
    )
    .limit(MAX_LISTED);
  return {
    sessions: rows.map((r) => ({
      id: r.id,
      userAgent: r.userAgent,
      ip: r.ip,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      current: r.id === actor.sessionId,
    })),
  };
}

/**
 * Signs one of the caller's sessions out: it stops working at once in this process and, through
 * the change feed, in every other. Someone else's (or a malformed) id is "not found".
 */
export async function revokeSession({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ current: boolean }> {
  const actor = requireUser(ctx, { session: true });
  const parsed = RevokeSessionInput.parse(input);
  if (!isUuid(parsed.id)) throw notFound("Session");
  // The registry and `current` compare the canonical (lower-case) form.
  const id = parsed.id.toLowerCase();
  await withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(sessions)
      .set({ revokedAt: tx.clock.now() })
      .where(
        and(eq(sessions.id, id), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)),
      )
      .returning({ id: sessions.id });
    if (!row) throw notFound("Session");
    await recordAudit(tx, { action: "auth.session.revoke", targetType: "session", targetId: id });
  });
  ctx.principals.sessions.forget(id);
  return { current: id === actor.sessionId };
}

/**
 * Logout: ends the caller's own session on the server, not only in this browser, so a copied
 * cookie stops working too. Anyone may call it; without a session there is nothing to end.
 */
export async function endSession({ ctx }: { ctx: Ctx }): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind !== "user" || actor.via !== "session" || !actor.sessionId) return;
  await endSessionById(ctx, actor.sessionId);
}

/** Revokes session `id` (Auth.js's own sign-out, which knows the token but not the caller). */
export async function endSessionById(ctx: Ctx, id: string): Promise<void> {
  if (!isUuid(id)) return;
  await withTransaction(ctx, async (tx) => {
    await tx.db
      .update(sessions)
      .set({ revokedAt: tx.clock.now() })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
    await recordAudit(tx, { action: "auth.logout", targetType: "session", targetId: id });
  });
  ctx.principals.sessions.forget(id);
}

/** Marks every session of `userId` revoked (logout everywhere, password change), in `tx`. */
export async function revokeAllSessions(tx: Ctx, userId: string): Promise<void> {
  await tx.db
    .update(sessions)
    .set({ revokedAt: tx.clock.now() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
