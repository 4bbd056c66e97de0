import { and, desc, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { ListAuditInput, type ListAuditOutput } from "../admin/schemas";
import { requireAdmin } from "../auth/authorize";
import type { Ctx } from "../context";
import { isUuid } from "../ids";
import { targetLabels } from "./targets";

/**
 * The audit trail, newest first, filtered by actor, action and time, paged by id (keyset: stable
 * while new rows arrive, and index-friendly). `nextBefore` is the cursor for the next page.
 * Actors and targets come with the names people know them by; the ids stay alongside.
 */
export async function listAudit({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListAuditOutput> {
  requireAdmin(ctx);
  const f = ListAuditInput.parse(input);
  const where: SQL[] = [];
  if (f.actor)
    where.push(
      isUuid(f.actor) ? eq(auditLog.actorId, f.actor) : eq(users.email, f.actor.toLowerCase()),
    );
  if (f.action)
    where.push(
      f.action.endsWith(".")
        ? like(auditLog.action, `${f.action.replace(/[\\%_]/g, "\\$&")}%`)
        : eq(auditLog.action, f.action),
    );
  if (f.from) where.push(gte(auditLog.createdAt, f.from));
  if (f.to) where.push(lt(auditLog.createdAt, f.to));
  if (f.before) where.push(lt(auditLog.id, f.before));
  const rows = await ctx.db
    .select({ entry: auditLog, actorEmail: users.email, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1);
  const entries = rows.slice(0, f.limit);
  const labels = await targetLabels(
    ctx.db,
    entries.map((r) => r.entry),
  );
  const page = entries.map(({ entry, actorEmail, actorName }, i) => ({
    id: entry.id,
    createdAt: entry.createdAt.toISOString(),
    action: entry.action,
    actorId: entry.actorId,
    actorEmail,
    actorName: actorName || null,
    targetType: entry.targetType,
    targetId: entry.targetId,
    targetLabel: labels[i] ?? null,
    ip: entry.ip,
    metadata: entry.metadata,
  }));
  return { rows: page, nextBefore: rows.length > f.limit ? page[page.length - 1]!.id : null };
}
