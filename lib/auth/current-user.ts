import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { requireUser } from "./authorize";
import { toPublicUser } from "./public-user";
import type { PublicUser } from "./schemas";

/** The signed-in user's own account. */
export async function getCurrentUser({ ctx }: { ctx: Ctx }): Promise<{ user: PublicUser }> {
  const actor = requireUser(ctx, { scope: "read" });
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound("User");
  return { user: toPublicUser(user) };
}
