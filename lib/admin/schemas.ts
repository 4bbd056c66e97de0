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

export interface AuditRow {
  id: number;
  createdAt: string;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  metadata: Record<string, unknown>;
}
