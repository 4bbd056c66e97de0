import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import { ListConversationsQuery, type ListConversationsOutput } from "./schemas";
import { toSummary } from "./views";

/** The caller's conversations, most recently active first (optionally one project's). */
export async function listConversations({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<ListConversationsOutput> {
  const actor = requireUser(ctx, { scope: "read" });
  const q = ListConversationsQuery.parse(input ?? {});
  const mine = eq(conversations.userId, actor.userId);
  const rows = await ctx.db
    .select()
    .from(conversations)
    .where(q.projectId ? and(mine, eq(conversations.projectId, q.projectId)) : mine)
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(q.limit);
  return { conversations: rows.map(toSummary) };
}
