import { z } from "zod";
import { idInput } from "../ids";

export const UserId = z.uuid();

export const ListUsersInput = z
  .object({
    q: z.string().trim().max(200).optional().describe("Filter by email or name (substring)"),
    page: z.coerce.number().int().min(1).default(1).describe("Page number, from 1"),
    pageSize: z.coerce.number().int().min(1).max(100).default(25).describe("Users per page"),
  })
  .strict();
export type ListUsersInput = z.infer<typeof ListUsersInput>;

const UserPatch = z
  .object({
    role: z.enum(["admin", "member", "viewer"]).optional().describe("Global role"),
    tier: z.enum(["free", "premium"]).optional().describe("Rate-limit tier"),
    disabled: z
      .boolean()
      .optional()
      .describe("Disabled users cannot sign in; their sessions and keys stop at once"),
  })
  .strict();
const somethingToChange = (v: z.infer<typeof UserPatch>) =>
  v.role !== undefined || v.tier !== undefined || v.disabled !== undefined;
const nothingToChange = { error: "give at least one of role, tier, disabled" };
/** PATCH /api/admin/users/:id's body: the id is the path's. */
export const UpdateUserBody = UserPatch.refine(somethingToChange, nothingToChange);
export const UpdateUserInput = UserPatch.extend({
  id: idInput("The user's id"),
}).refine(somethingToChange, nothingToChange);
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const ListAuditInput = z
  .object({
    actor: z.string().trim().max(254).optional().describe("Actor email (exact) or user id"),
    action: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe("Action, exact or prefix ending in '.', e.g. 'auth.'"),
    from: z.coerce.date().optional().describe("Earliest time (inclusive), ISO 8601"),
    to: z.coerce.date().optional().describe("Latest time (exclusive), ISO 8601"),
    before: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe("Cursor: return rows older than this id"),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe("Rows per page"),
  })
  .strict();
export type ListAuditInput = z.infer<typeof ListAuditInput>;

export const AuditRow = z.object({
  id: z.number().int().describe("The entry's id (also the paging cursor)"),
  createdAt: z.string().describe("When it happened, ISO 8601"),
  action: z.string().describe("What happened, e.g. user.role_change"),
  actorId: z.string().nullable().describe("The acting user's id; null for anonymous events"),
  actorEmail: z.string().nullable().describe("The acting user's email, while the account exists"),
  actorName: z.string().nullable().describe("The acting user's display name, if they gave one"),
  targetType: z.string().nullable().describe("Kind of thing acted on: user, project, ai_model…"),
  targetId: z.string().nullable().describe("Its id"),
  targetLabel: z
    .string()
    .nullable()
    .describe("What a person calls the target (a user's email, a project's name…) where known"),
  ip: z.string().nullable().describe("Client address"),
  metadata: z.record(z.string(), z.unknown()).describe("Details of the change (before/after…)"),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const ListAuditOutput = z.object({
  rows: z.array(AuditRow).describe("Entries, newest first"),
  nextBefore: z
    .number()
    .int()
    .nullable()
    .describe("Cursor for the next (older) page; null at the end"),
});
export type ListAuditOutput = z.infer<typeof ListAuditOutput>;
