import { desc, ilike, or } from "drizzle-orm";
import { users } from "@/db/schema";
import { requireAdmin } from "../auth/authorize";
import { toPublicUser } from "../auth/public-user";
import type { PublicUser } from "../auth/schemas";
import type { Ctx } from "../context";
import { ListUsersInput } from "./schemas";

/** Users, newest first, optionally filtered by a substring of email or name (LIKE wildcards escaped). */
export async function listUsers({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<{ users: PublicUser[]; total: number; page: number; pageSize: number }> {
  requireAdmin(ctx);
  const { q, page, pageSize } = ListUsersInput.parse(input);
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined;
  const rows = await ctx.db
    .select()
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const total = await ctx.db.$count(users, where);
  return { users: rows.map(toPublicUser), total, page, pageSize };
}
