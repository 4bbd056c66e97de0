import { and, desc, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import type { AuditRow } from "../admin/schemas";
import { ListAuditInput } from "../admin/schemas";
import { requireAdmin } from "../auth/authorize";
import type { Ctx } from "../context";
import { isUuid } from "../ids";

/**
 * The audit trail, newest first, filtered by actor, action and time, paged by id (keyset: stable
 * while new rows arrive, and index-friendly). `nextBefore` is the cursor for the next page.
 */
export async function listAudit({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
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
    .select({ entry: auditLog, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit).map(({ entry, actorEmail }) => ({
    id: entry.id,
    createdAt: entry.createdAt.toISOString(),
    action: entry.action,
    actorId: entry.actorId,
    actorEmail,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: entry.ip,
    metadata: entry.metadata,
  }));
  return { rows: page, nextBefore: rows.length > f.limit ? page[page.length - 1]!.id : null };
}
