import type { NewAuditLogEntry } from "@/db/schema";
import { auditLog } from "@/db/schema";
import { actingUser, type Ctx } from "../context";

export const AUDIT_ACTIONS = [
  "auth.register",
  "auth.login.success",
  "auth.login.failure",
  "auth.lockout",
  "auth.logout",
  "auth.logout_everywhere",
  "auth.session.revoke",
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
 * the change it records. ip/user agent come from ctx.client when there is one.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const job = ctx.actor.kind === "system" ? { job: ctx.actor.job } : undefined;
  const row: NewAuditLogEntry = {
    action: input.action,
    // A job acting for a user is recorded as that user, with the job named in the metadata.
    actorId: input.actorId !== undefined ? input.actorId : (actingUser(ctx.actor)?.userId ?? null),
    targetType: input.targetType,
    targetId: input.targetId,
    ip: ctx.client?.ip,
    userAgent: ctx.client?.userAgent?.slice(0, 512),
    requestId: ctx.requestId,
    metadata: { ...input.metadata, ...job },
  };
  await ctx.db.insert(auditLog).values(row);
}
