import { desc, eq } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { requireUser } from "../auth/authorize";
import type { Ctx } from "../context";
import type { ApiKeySummary } from "./schemas";
import { summary } from "./summary";

/** The caller's own keys, newest first (never the hash). */
export async function listApiKeys({ ctx }: { ctx: Ctx }): Promise<{ keys: ApiKeySummary[] }> {
  const actor = requireUser(ctx, { scope: "read" });
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.userId, actor.userId))
    .orderBy(desc(apiKeys.createdAt));
  return { keys: rows.map(summary) };
}
