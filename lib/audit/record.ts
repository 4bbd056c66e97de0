import type { NewAuditLogEntry } from "@/db/schema";
import { auditLog } from "@/db/schema";
import type { Ctx } from "../context";

export const AUDIT_ACTIONS = [
  "auth.register",
  "auth.login.success",
  "auth.login.failure",
  "auth.lockout",
  "auth.logout_everywhere",
  "auth.password_change",
  "api_key.create",
  "api_key.revoke",
  "user.role_change",
  "user.tier_change",
  "user.disable",
  "user.enable",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number] | (string & {});

export interface AuditInput {
  action: AuditAction;
  /** Defaults to the calling user; null for anonymous events. */
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
}

/**
 * Writes one audit row through ctx.db, so inside withTransaction it commits or rolls back with
 * the change it records. ip/user agent come from ctx.request when there is one.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const row: NewAuditLogEntry = {
    action: input.action,
    actorId:
      input.actorId !== undefined
        ? input.actorId
        : ctx.actor.kind === "user"
          ? ctx.actor.userId
          : null,
    targetType: input.targetType,
    targetId: input.targetId,
    ip: ctx.client?.ip,
    userAgent: ctx.client?.userAgent?.slice(0, 512),
    requestId: ctx.requestId,
    metadata: input.metadata ?? {},
  };
  await ctx.db.insert(auditLog).values(row);
}
